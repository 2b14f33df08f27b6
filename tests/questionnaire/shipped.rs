//! The demo feed fragment (feed-src/checks.json): it loads cleanly and each shipped
//! instrument scores hand-computed answer sets as expected.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::{choices, fragment, id, shipped};
use jokatsu::domain::checks::answers::{Answer, Answers};
use jokatsu::domain::checks::questionnaire::{Kind, Level, ScoreError, Theme};

#[test]
fn demo_fragment_loads_with_zero_errors() {
    let f = fragment();
    assert_eq!(f.error_messages(), Vec::<String>::new());
    let ids: Vec<&str> = f.questionnaires.iter().map(|q| q.id().as_str()).collect();
    assert_eq!(
        ids,
        [
            "worry-triage",
            "k6",
            "fatigue-2023",
            "career-reflection",
            "business-readiness"
        ]
    );
    assert_eq!(f.help_lines.len(), 7);
}

#[test]
fn every_shipped_questionnaire_credits_its_source_and_licence_in_both_languages() {
    for q in fragment().questionnaires {
        for t in [q.title(), q.source(), q.licence()] {
            assert!(!t.ja.is_empty(), "{}", q.id());
            assert!(t.en.as_deref().is_some_and(|e| !e.is_empty()), "{}", q.id());
        }
    }
}

#[test]
fn no_smi_or_mbi_is_shipped() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/feed-src/checks.json"))
            .unwrap_or_default();
    for banned in ["簡略更年期指数", "SMI", "Maslach", "MBI"] {
        assert!(!text.contains(banned), "{banned}");
    }
}

// ---------------------------------------------------------------- K6

/// Six K6 answers (option index = score 0–4).
fn k6(scores: [usize; 6]) -> Answers {
    let pairs: Vec<(String, usize)> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| (format!("k6-{}", i + 1), s))
        .collect();
    let refs: Vec<(&str, usize)> = pairs.iter().map(|(i, s)| (i.as_str(), *s)).collect();
    choices(&refs)
}

#[test]
fn k6_is_defined_as_in_instruments_md() {
    let q = shipped("k6");
    assert_eq!(q.kind(), Kind::Scored);
    assert!(q.safety());
    assert!(q.disclaimer().is_some());
    assert_eq!(q.items().len(), 6);
    assert_eq!(q.items()[0].text.ja, "神経過敏に感じましたか");
    assert_eq!(q.items()[5].text.ja, "自分は価値のない人間だと感じましたか");
    assert!(q.intro().is_some_and(|i| i.ja.contains("過去1か月の間に")));
    let labels: Vec<(&str, Option<i32>)> = q.items()[2]
        .options()
        .iter()
        .map(|o| (o.label.ja.as_str(), o.score))
        .collect();
    assert_eq!(
        labels,
        [
            ("まったくない", Some(0)),
            ("少しだけ", Some(1)),
            ("ときどき", Some(2)),
            ("たいてい", Some(3)),
            ("いつも", Some(4))
        ]
    );
    assert_eq!(q.total_range(), Some((0, 24)));
    assert!(q.source().ja.contains("Kessler"));
    assert!(q.source().ja.contains("古川"));
    assert!(q.source().ja.contains("厚生労働省"));
}

/// (answers, total, band key, level, theme)
type K6Case = ([usize; 6], i32, &'static str, Level, Option<Theme>);

#[test]
fn k6_band_edges() {
    let q = shipped("k6");
    // (answers, total, band key, level, theme)
    let cases: [K6Case; 10] = [
        ([0, 0, 0, 0, 0, 0], 0, "k6-low", Level::Info, None),
        ([1, 1, 1, 1, 0, 0], 4, "k6-low", Level::Info, None),
        ([1, 1, 1, 1, 1, 0], 5, "k6-some", Level::Mild, None),
        ([4, 4, 1, 0, 0, 0], 9, "k6-some", Level::Mild, None),
        (
            [4, 4, 2, 0, 0, 0],
            10,
            "k6-distress",
            Level::Moderate,
            Some(Theme::Health),
        ),
        (
            [2, 2, 2, 2, 2, 4],
            14,
            "k6-distress",
            Level::Moderate,
            Some(Theme::Health),
        ),
        (
            [3, 3, 3, 3, 3, 0],
            15,
            "k6-severe",
            Level::High,
            Some(Theme::Health),
        ),
        (
            [4, 4, 4, 4, 4, 4],
            24,
            "k6-severe",
            Level::High,
            Some(Theme::Health),
        ),
        (
            [0, 1, 2, 3, 4, 0],
            10,
            "k6-distress",
            Level::Moderate,
            Some(Theme::Health),
        ),
        ([2, 0, 2, 0, 0, 0], 4, "k6-low", Level::Info, None),
    ];
    for (ans, total, key, level, theme) in cases {
        let o = q.score(&k6(ans)).unwrap_or_else(|e| panic!("{ans:?}: {e}"));
        assert_eq!(o.total, Some(total), "{ans:?}");
        let band = o.total_band().unwrap_or_else(|| panic!("band for {ans:?}"));
        assert_eq!(band.key.as_str(), key, "{ans:?}");
        assert_eq!(band.level, level, "{ans:?}");
        assert_eq!(o.theme, theme, "{ans:?}");
        // Safety questionnaire: help lines whatever the score.
        assert!(o.flags.show_help_lines, "{ans:?}");
        assert_eq!(o.flags.urgent, level == Level::High, "{ans:?}");
    }
}

#[test]
fn k6_distress_explanations_say_to_talk_to_someone_soon() {
    let q = shipped("k6");
    let distress = q.bands().iter().find(|b| b.key.as_str() == "k6-distress");
    let severe = q.bands().iter().find(|b| b.key.as_str() == "k6-severe");
    assert!(distress.is_some_and(
        |b| b.explanation.ja.contains("健康日本21") && b.explanation.ja.contains("早めに")
    ));
    assert!(severe.is_some_and(|b| b.explanation.ja.contains("できるだけ早く")));
}

#[test]
fn k6_with_a_missing_answer_is_not_scored() {
    let q = shipped("k6");
    let mut a = k6([1; 6]);
    a.remove(&id("k6-4"));
    assert_eq!(
        q.score(&a),
        Err(ScoreError::MissingAnswer {
            item: id("k6-4"),
            position: 4
        })
    );
}

// ---------------------------------------------------------------- fatigue

/// Symptom answers (option index: 0 → 0 pts, 1 → 1 pt, 2 → 3 pts) and work answers.
fn fatigue(symptoms: [usize; 14], work: [usize; 6]) -> Answers {
    let work_ids = [
        "w-relations",
        "w-overload",
        "w-pace",
        "w-offhours",
        "w-sleep",
        "w-rest",
    ];
    let mut a = Answers::new();
    for (i, &c) in symptoms.iter().enumerate() {
        a.set(id(&format!("s-{}", i + 1)), Answer::Choice(c));
    }
    for (w, &c) in work_ids.iter().zip(work.iter()) {
        a.set(id(w), Answer::Choice(c));
    }
    a
}

#[test]
fn fatigue_check_has_14_symptoms_scored_0_1_3_and_a_provisional_note() {
    let q = shipped("fatigue-2023");
    let sym = &q.subscales()[0];
    assert_eq!(sym.items.len(), 14);
    assert_eq!(
        q.item(&id("s-14")).map(|i| i.text.ja.as_str()),
        Some("食欲がないと感じる")
    );
    let scores: Vec<Option<i32>> = q.items()[0].options().iter().map(|o| o.score).collect();
    assert_eq!(scores, [Some(0), Some(1), Some(3)]);
    assert_eq!(q.scale_range(&sym.id), Some((0, 42)));
    assert!(q
        .notes()
        .iter()
        .any(|n| n.ja.contains("仮") && n.ja.contains("公式")));
    assert!(q.source().ja.contains("中央労働災害防止協会"));
}

/// (symptoms, work, symptom score, work score, result key, level)
type FatigueCase = ([usize; 14], [usize; 6], i32, i32, &'static str, Level);

#[test]
fn fatigue_matrix_crosses_symptoms_with_work() {
    let q = shipped("fatigue-2023");
    const Z: [usize; 14] = [0; 14];
    // 4 "sometimes" (1 pt) = 4 → I; 5 → II; 10 "often"... computed by hand below.
    let four_ones = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 4  → I
    let five_ones = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 5  → II
    let ten = [2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 3+3+3+1 = 10 → II
    let eleven = [2, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // 11 → III
    let twenty = [2, 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0, 0]; // 18+2 = 20 → III
    let twenty_one = [2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0]; // 21 → IV
                                                                 // (symptoms, work, symptom score, work score, result key, level)
    let cases: [FatigueCase; 9] = [
        (Z, [0; 6], 0, 0, "burden-low", Level::Info),
        (
            four_ones,
            [1, 1, 0, 0, 0, 0],
            4,
            2,
            "burden-low",
            Level::Info,
        ),
        (
            four_ones,
            [2, 0, 0, 0, 0, 0],
            4,
            3,
            "burden-somewhat",
            Level::Mild,
        ),
        (
            five_ones,
            [1, 0, 0, 0, 0, 0],
            5,
            1,
            "burden-somewhat",
            Level::Mild,
        ),
        (ten, [0; 6], 10, 0, "burden-low", Level::Info),
        (eleven, [0; 6], 11, 0, "burden-somewhat", Level::Mild),
        (
            twenty,
            [2, 2, 0, 0, 0, 0],
            20,
            6,
            "burden-very-high",
            Level::High,
        ),
        (twenty_one, [0; 6], 21, 0, "burden-high", Level::Moderate),
        (Z, [2, 2, 2, 2, 2, 2], 0, 18, "burden-high", Level::Moderate),
    ];
    for (s, w, sym, work, key, level) in cases {
        let o = q
            .score(&fatigue(s, w))
            .unwrap_or_else(|e| panic!("{s:?} {w:?}: {e}"));
        assert_eq!(o.subscales[0].score, sym, "{s:?}");
        assert_eq!(o.subscales[1].score, work, "{w:?}");
        assert_eq!(o.total, Some(sym + work));
        let m = o.matrix.as_ref().unwrap_or_else(|| panic!("matrix result"));
        assert_eq!((m.key.as_str(), m.level), (key, level), "{s:?} {w:?}");
        assert_eq!(o.theme, Some(Theme::TimeMoney));
        assert_eq!(o.headline().map(|h| h.0.as_str()), Some(key));
        assert_eq!(o.flags.show_help_lines, level == Level::High);
    }
}

// ---------------------------------------------------------------- triage

/// The seed's five example worries, answered the way such a woman plausibly would
/// (including overlaps: a mother torn over her career also has no time).
#[test]
fn the_five_seed_worries_land_on_the_right_weekday() {
    let q = shipped("worry-triage");
    assert_eq!(q.kind(), Kind::Triage);
    assert!((5..=7).contains(&q.items().len()));
    // item order: main-worry, wanted-help, work-change, talks, body, time-money, own-business
    // yes = 0, no = 1
    let cases: [(&str, [usize; 7], Theme, chrono::Weekday); 5] = [
        (
            "career vs. children",
            [0, 0, 0, 1, 1, 0, 1],
            Theme::Career,
            chrono::Weekday::Mon,
        ),
        (
            "quarrels about work styles after a baby",
            [1, 1, 1, 0, 1, 1, 1],
            Theme::Communication,
            chrono::Weekday::Tue,
        ),
        (
            "menopause symptoms",
            [2, 2, 1, 1, 0, 1, 1],
            Theme::Health,
            chrono::Weekday::Wed,
        ),
        (
            "no time or money",
            [3, 3, 0, 1, 1, 0, 1],
            Theme::TimeMoney,
            chrono::Weekday::Thu,
        ),
        (
            "wants her own business",
            [4, 4, 1, 1, 1, 0, 0],
            Theme::Business,
            chrono::Weekday::Fri,
        ),
    ];
    let ids = [
        "main-worry",
        "wanted-help",
        "work-change",
        "talks",
        "body",
        "time-money",
        "own-business",
    ];
    for (worry, ans, theme, day) in cases {
        let pairs: Vec<(&str, usize)> = ids.iter().copied().zip(ans).collect();
        let o = q
            .score(&choices(&pairs))
            .unwrap_or_else(|e| panic!("{worry}: {e}"));
        assert_eq!(o.theme, Some(theme), "{worry}: votes {:?}", o.votes);
        assert_eq!(theme.weekday(), day);
        assert_eq!(o.total, None, "triage is not scored");
    }
}

#[test]
fn triage_tally_is_reported_for_the_result_page() {
    let q = shipped("worry-triage");
    let o = q.score(&choices(&[
        ("main-worry", 0),
        ("wanted-help", 3),
        ("work-change", 0),
        ("talks", 1),
        ("body", 1),
        ("time-money", 0),
        ("own-business", 1),
    ]));
    let o = o.unwrap_or_else(|e| panic!("{e}"));
    // career 3 + 1 = 4, time-money 2 + 1 = 3
    assert_eq!(o.votes.of(Theme::Career), 4);
    assert_eq!(o.votes.of(Theme::TimeMoney), 3);
    assert_eq!(o.votes.of(Theme::Health), 0);
    assert_eq!(o.theme, Some(Theme::Career));
}

#[test]
fn triage_tie_goes_to_the_main_worry() {
    let q = shipped("worry-triage");
    // main worry = career (3); wanted help = communication (2); talks yes (+1 comm.)
    // → career 3, communication 3: tied; the first item (main worry) decides → career.
    let o = q
        .score(&choices(&[
            ("main-worry", 0),
            ("wanted-help", 1),
            ("work-change", 1),
            ("talks", 0),
            ("body", 1),
            ("time-money", 1),
            ("own-business", 1),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.votes.of(Theme::Career), 3);
    assert_eq!(o.votes.of(Theme::Communication), 3);
    assert_eq!(o.theme, Some(Theme::Career));
}

// ---------------------------------------------------------------- reflection, checklist

#[test]
fn career_reflection_is_not_scored_and_recommends_monday() {
    let q = shipped("career-reflection");
    assert_eq!(q.kind(), Kind::Reflection);
    // Nothing answered: every prompt is optional.
    let o = q.score(&Answers::new()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.total, None);
    assert_eq!(o.theme, Some(Theme::Career));
    assert_eq!(o.flags.skipped.len(), q.items().len());
    let a = Answers::new()
        .with(id("strengths"), Answer::Text("人の話を聞くこと".into()))
        .with(id("values"), Answer::Choice(1));
    let o = q.score(&a).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.theme, Some(Theme::Career));
    assert_eq!(o.flags.skipped.len(), q.items().len() - 2);
}

#[test]
fn business_checklist_counts_yes_answers_and_recommends_friday() {
    let q = shipped("business-readiness");
    assert_eq!(q.kind(), Kind::Checklist);
    let ids = [
        "motive",
        "experience",
        "products",
        "customers",
        "funding",
        "revenue",
    ];
    // yes = 0 (1 pt), not yet = 1 (0 pts)
    let cases: [(usize, &str); 7] = [
        (0, "ready-start"),
        (1, "ready-start"),
        (2, "ready-start"),
        (3, "ready-shaping"),
        (4, "ready-shaping"),
        (5, "ready-plan"),
        (6, "ready-plan"),
    ];
    for (yes, key) in cases {
        let pairs: Vec<(&str, usize)> = ids
            .iter()
            .enumerate()
            .map(|(i, &item)| (item, usize::from(i >= yes)))
            .collect();
        // The optional free-text "worry" is left out: excluded, listed as skipped.
        let o = q.score(&choices(&pairs)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.total, Some(yes as i32), "{yes}");
        assert_eq!(o.total_band().map(|b| b.key.as_str()), Some(key), "{yes}");
        assert_eq!(o.theme, Some(Theme::Business));
        assert_eq!(o.flags.skipped, vec![id("worry")]);
    }
}

/// The list of checks says what K6 is; it does not repeat the instruction the check
/// itself starts with (「過去1か月の間に…どのくらいの頻度で…」). The others keep their intro.
#[test]
fn the_k6_card_in_the_list_does_not_repeat_the_in_check_instruction() {
    for q in fragment().questionnaires {
        let card = q.card_text().map(|t| t.ja.clone()).unwrap_or_default();
        let intro = q.intro().map(|t| t.ja.clone()).unwrap_or_default();
        if q.id().as_str() == "k6" {
            assert_ne!(card, intro);
            assert!(!card.contains("どのくらいの頻度"), "{card}");
            assert!(card.contains("6つの質問"), "{card}");
        } else {
            assert_eq!(card, intro, "{}", q.id());
        }
    }
}

/// Item 6 of issue 26: a mother torn over her career who also quarrels about it at home
/// gets both worries, each with its day, not only Monday.
#[test]
fn triage_keeps_every_worry_she_chose_recommended_first() {
    use jokatsu::domain::checks::answers::ResultRecord;
    let q = shipped("worry-triage");
    // main worry 子育て/キャリア (career 3), wanted help 話し合い (communication 2), talks yes
    // (communication +1 → 3, tied; the main worry decides), body yes (health 1).
    let answers = choices(&[
        ("main-worry", 0),
        ("wanted-help", 1),
        ("work-change", 1),
        ("talks", 0),
        ("body", 0),
        ("time-money", 1),
        ("own-business", 1),
    ]);
    let o = q.score(&answers).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.theme, Some(Theme::Career));
    assert_eq!(
        o.worries(),
        [Theme::Career, Theme::Communication, Theme::Health],
        "recommended first, then by votes"
    );
    // The stored result keeps them; it round-trips, and an older record without the
    // field reads as its one theme.
    let r = ResultRecord::from_outcome(&o, None, chrono::DateTime::UNIX_EPOCH);
    assert_eq!(r.worries(), o.worries());
    let json = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(
        json["themes"],
        serde_json::json!(["career", "communication", "health"])
    );
    let mut old = json.clone();
    if let Some(m) = old.as_object_mut() {
        m.remove("themes");
    }
    let old: ResultRecord = serde_json::from_value(old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(old.worries(), [Theme::Career]);
    // One worry only: the field is left out (the record stays as before).
    let one = q
        .score(&choices(&[
            ("main-worry", 2),
            ("wanted-help", 2),
            ("work-change", 1),
            ("talks", 1),
            ("body", 0),
            ("time-money", 1),
            ("own-business", 1),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
    let one = ResultRecord::from_outcome(&one, None, chrono::DateTime::UNIX_EPOCH);
    assert!(serde_json::to_value(&one)
        .unwrap_or_default()
        .get("themes")
        .is_none());
    assert_eq!(one.worries(), [Theme::Health]);
}

/// The list shows the triage's first question as buttons (子育て is the first): a tap
/// starts the check with that answer, at the second question.
#[test]
fn a_worry_chosen_on_the_list_starts_the_triage_at_question_two() {
    use jokatsu::domain::checks::answers::Progress;
    let q = shipped("worry-triage");
    let first = &q.items()[0];
    assert!(
        first.options()[0].label.ja.contains("子育て"),
        "子育て is a visible choice"
    );
    let p = Progress::start_with_first(&q, 0, chrono::DateTime::UNIX_EPOCH)
        .unwrap_or_else(|| panic!("starts"));
    assert_eq!(p.current_index, 1);
    assert_eq!(p.answers.get(&first.id), Some(&Answer::Choice(0)));
    assert!(p.check_fits(&q).is_ok());
    assert!(
        Progress::start_with_first(&q, first.options().len(), chrono::DateTime::UNIX_EPOCH)
            .is_none()
    );
}
