//! The 相談メモ: her self-check results written out plainly, newest first, so she can show
//! the センセー at the desk on her own phone. Built from the history stored on the device
//! and the questionnaires of the feed; nothing is sent anywhere.

use chrono::{DateTime, Utc};

use crate::domain::checks::answers::{Answer, History};
use crate::domain::checks::questionnaire::{Kind, Questionnaire};
use crate::domain::shared::text::Lang;

/// One result in the memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoEntry {
    /// When she answered (the UI shows it in Japan time).
    pub taken_at: DateTime<Utc>,
    /// The check's title (its id when the feed no longer has it).
    pub title: String,
    /// The result, one fact a line: the score with its range, the band, the desk theme.
    pub lines: Vec<String>,
    /// Her answers, question and answer, when she chose to keep them.
    pub answers: Vec<(String, String)>,
}

/// The memo of `history` (newest first), in `lang`, with titles, score ranges and
/// question texts from `questionnaires` when the feed still has the check.
pub fn memo(history: &History, questionnaires: &[Questionnaire], lang: Lang) -> Vec<MemoEntry> {
    history
        .records()
        .iter()
        .rev()
        .map(|r| {
            let q = questionnaires
                .iter()
                .find(|q| q.id() == &r.questionnaire_id);
            let title = q.map_or_else(
                || r.questionnaire_id.to_string(),
                |q| q.title().get(lang).to_owned(),
            );
            let mut lines = Vec::new();
            if let Some(total) = r.total {
                let range = q.and_then(Questionnaire::total_range);
                lines.push(match (lang, range) {
                    (Lang::Ja, Some((lo, hi))) => format!("合計 {total}点（{lo}〜{hi}点）"),
                    (Lang::Ja, None) => format!("合計 {total}点"),
                    (Lang::En, Some((lo, hi))) => format!("Total {total} ({lo}–{hi})"),
                    (Lang::En, None) => format!("Total {total}"),
                });
            }
            if let Some(band) = &r.band_label {
                lines.push(band.get(lang).to_owned());
            }
            let worries = r.worries();
            if q.is_some_and(|q| q.kind() == Kind::Triage) && !worries.is_empty() {
                let chosen: Vec<String> = worries
                    .iter()
                    .map(|t| t.worry().get(lang).to_owned())
                    .collect();
                lines.push(match lang {
                    Lang::Ja => format!("選んだ気がかり：{}", chosen.join("、")),
                    Lang::En => format!("Worries chosen: {}", chosen.join("; ")),
                });
            }
            for theme in worries {
                let label = theme.label();
                lines.push(match lang {
                    Lang::Ja => format!("相談先の目安：{}", label.get(lang)),
                    Lang::En => format!("Suggested desk: {}", label.get(lang)),
                });
            }
            let answers = match (q, &r.answers) {
                (Some(q), Some(a)) => q
                    .items()
                    .iter()
                    .filter_map(|item| {
                        let text = match a.get(&item.id)? {
                            Answer::Text(s) if !s.trim().is_empty() => s.clone(),
                            Answer::Text(_) => return None,
                            Answer::Choice(n) => item.options().get(*n)?.label.get(lang).to_owned(),
                        };
                        Some((item.text.get(lang).to_owned(), text))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            MemoEntry {
                taken_at: r.taken_at,
                title,
                lines,
                answers,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checks::answers::{Answers, ResultRecord};
    use crate::domain::checks::questionnaire::{load_all, ItemId};
    use chrono::TimeZone;

    fn demo_checks() -> Vec<Questionnaire> {
        let text = include_str!("../../../feed-src/checks.json");
        let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let list = value["questionnaires"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        load_all(&list).0
    }

    fn k6_answers(choice: usize) -> Answers {
        (1..=6).fold(Answers::new(), |a, i| {
            match ItemId::parse(&format!("k6-{i}")) {
                Some(id) => a.with(id, Answer::Choice(choice)),
                None => a,
            }
        })
    }

    #[test]
    fn the_memo_lists_results_newest_first_with_score_band_desk_and_kept_answers() {
        let checks = demo_checks();
        let k6 = checks.iter().find(|q| q.id().as_str() == "k6");
        assert!(k6.is_some(), "the demo feed has K6");
        let Some(k6) = k6 else { return };
        let mut history = History::default();
        let first = Utc
            .with_ymd_and_hms(2026, 12, 1, 1, 0, 0)
            .single()
            .unwrap_or_default();
        let second = Utc
            .with_ymd_and_hms(2026, 12, 8, 1, 0, 0)
            .single()
            .unwrap_or_default();
        // Answers kept the first time only.
        let answers = k6_answers(2);
        let scored = k6.score(&answers);
        assert!(scored.is_ok(), "{scored:?}");
        let Ok(outcome) = scored else { return };
        assert!(history
            .add(ResultRecord::from_outcome(&outcome, Some(&answers), first))
            .is_ok());
        let zero = k6.score(&k6_answers(0));
        let Ok(zero) = zero else { return };
        assert!(history
            .add(ResultRecord::from_outcome(&zero, None, second))
            .is_ok());

        let memo = memo(&history, &checks, Lang::Ja);
        assert_eq!(memo.len(), 2);
        assert_eq!(memo[0].taken_at, second, "newest first");
        assert_eq!(memo[0].lines[0], "合計 0点（0〜24点）");
        assert!(memo[0].answers.is_empty(), "answers not kept: none shown");
        assert_eq!(memo[1].lines[0], "合計 12点（0〜24点）");
        assert!(memo[1].title.contains("K6"), "{}", memo[1].title);
        assert_eq!(memo[1].answers.len(), 6);
        assert_eq!(memo[1].answers[0].0, "神経過敏に感じましたか");
        // A triage with two worries lists both, and a desk for each.
        let triage = checks.iter().find(|q| q.kind() == Kind::Triage);
        let Some(triage) = triage else { return };
        let two = [0, 1, 1, 0, 1, 1, 1]
            .iter()
            .zip(triage.items())
            .fold(Answers::new(), |a, (&n, item)| {
                a.with(item.id.clone(), Answer::Choice(n))
            });
        let Ok(two) = triage.score(&two) else { return };
        let mut h = History::default();
        assert!(h.add(ResultRecord::from_outcome(&two, None, first)).is_ok());
        let lines = &super::memo(&h, &checks, Lang::Ja)[0].lines;
        assert_eq!(
            lines,
            &[
                "選んだ気がかり：子育てと仕事の両立・キャリア、家族や職場の人との話し合い",
                "相談先の目安：月曜：キャリア",
                "相談先の目安：火曜：家族や職場の人とのコミュニケーション",
            ]
        );
        // Without the feed: the check's id, the score without its range.
        let bare = super::memo(&history, &[], Lang::En);
        assert_eq!(bare[1].title, "k6");
        assert_eq!(bare[1].lines[0], "Total 12");
        assert!(bare[1].answers.is_empty());
    }
}
