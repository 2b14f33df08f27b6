//! The certified shops, from the Excel CSV: what changes, then apply.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;

use super::{Editor, MAX_FILE};
use crate::domain::publish::shops_csv::{diff, import_shops, ShopDiff, ShopImport};
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status};
use crate::platform::download::read_file_bytes;
use crate::ui::state::AppState;

#[component]
pub(super) fn Shops(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let import = RwSignal::new(None::<Result<(ShopImport, ShopDiff), String>>);
    let applied = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        applied.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file_bytes(file, MAX_FILE).await {
                Ok(bytes) => import_shops(&bytes)
                    .map_err(|e| e.wording(editor.lang))
                    .map(|i| {
                        let d = editor.draft.with_untracked(|d| {
                            d.as_ref()
                                .map(|d| diff(d.shops(), &i.shops))
                                .unwrap_or_default()
                        });
                        (i, d)
                    }),
                Err(e) => Err(e),
            };
            import.set(Some(result));
        });
    };
    let apply = move |_| {
        let Some(Ok((i, d))) = import.get_untracked() else {
            return;
        };
        editor.change(|draft| draft.set_shops(i.shops.clone()));
        applied.set(Some(match editor.lang {
            Lang::Ja => format!("お店の一覧を置き換えました（{}）", d.summary(editor.lang)),
            Lang::En => format!("The shop list is replaced ({})", d.summary(editor.lang)),
        }));
        import.set(None);
    };
    // The list in the opened feed, as the CSV the import reads: edit or add a shop in
    // Excel and import it again (only that shop changes).
    let export = move |_| {
        let shops = editor
            .draft
            .with_untracked(|d| d.as_ref().map(|d| d.shops().to_vec()));
        match shops {
            Some(shops) => {
                let bytes = crate::domain::publish::shops_csv::export_shops(&shops);
                match actions::download("shops.csv", &bytes) {
                    Ok(()) => applied.set(Some(match editor.lang {
                        Lang::Ja => format!("今のお店の一覧（{}件）を CSV で保存しました。Excel で開いて、お店を直したり行を足したりして「CSV UTF-8」で保存し、下の「認定店舗の一覧（CSV）」で選んでください。変わったお店だけが「変更」「追加」になります。", shops.len()),
                        Lang::En => format!("The current shop list ({} shops) is saved as CSV. Open it in Excel, correct a shop or add a row, save as \"CSV UTF-8\" and choose it under \"Certified shop list (CSV)\" below: only the shops you changed show as changed or added.", shops.len()),
                    })),
                    Err(e) => import.set(Some(Err(e))),
                }
            }
            None => import.set(Some(Err(match editor.lang {
                Lang::Ja => {
                    "先に上で配信データを開いてください。今のお店の一覧はそこから読みます。"
                        .to_string()
                }
                Lang::En => {
                    "Open the feed above first: the current shop list comes from it.".to_string()
                }
            }))),
        }
    };
    let template = move |_| {
        let _ = actions::download(
            "shops-template.csv",
            &crate::domain::publish::shops_csv::template(),
        );
    };
    view! {
        <h3>{state.t("認定店舗（Excel の CSV）", "Certified shops (CSV from Excel)")}</h3>
        <p>{state.t(
            "Excel の一覧を「CSV」または「CSV UTF-8」で保存して選びます。列：店舗ID・店舗名・業種・地区・住所・地図URL・認定日（必須）、店舗名（英語）・住所（英語）・営業時間・認定・認定終了日・見本（任意）。",
            "Save the Excel list as CSV (either kind) and choose it. Columns: 店舗ID, 店舗名, 業種, 地区, 住所, 地図URL, 認定日 (required); 店舗名（英語）, 住所（英語）, 営業時間, 認定, 認定終了日, 見本 (optional).",
        )}</p>
        <p>{state.t(
            "お店を1件直す・足すときは、「今の一覧を CSV で保存」で保存したファイルを Excel で直して読み込みます（認定日が決まっていないお店は「指定なし」と書きます）。",
            "To correct or add one shop, save the current list as CSV, edit it in Excel and choose it below (a shop without a certification start date has 「指定なし」).",
        )}</p>
        <p>
            <button type="button" class="button" on:click=export>{state.t("今の一覧を CSV で保存", "Save the current list as CSV")}</button>
            " "<button type="button" class="button button--secondary" on:click=template>{state.t("空の一覧（CSV）を保存", "Save an empty list (CSV)")}</button>
        </p>
        <div class="field">
            <label class="field__label" for="editor-shops">{state.t("認定店舗の一覧（CSV）", "Certified shop list (CSV)")}</label>
            <input id="editor-shops" type="file" accept=".csv,text/csv" on:change=on_file/>
        </div>
        {move || import.get().map(|r| match r {
            Err(e) => status(false, e).into_any(),
            Ok((i, d)) => {
                let can = !i.shops.is_empty();
                view! {
                    <div data-testid="shops-import">
                        <p>{match editor.lang {
                            Lang::Ja => format!("{}：{}件読み込み、{}行に問題", i.encoding.label_in(Lang::Ja), i.shops.len(), i.problems.len()),
                            Lang::En => format!("{}: {} shops read, {} bad lines", i.encoding.label_in(Lang::En), i.shops.len(), i.problems.len()),
                        }}</p>
                        {(!i.problems.is_empty()).then(|| view! {
                            <ul class="office__problems" data-testid="shops-problems">
                                {i.problems.iter().map(|p| view! { <li>{p.wording(editor.lang)}</li> }).collect_view()}
                            </ul>
                        })}
                        <p data-testid="shops-diff"><strong>{d.summary(editor.lang)}</strong></p>
                        <ul>
                            {d.added.iter().map(|(id, n)| view! { <li>{format!("{}: {id} {n}", state.t("追加", "Added"))}</li> }).collect_view()}
                            {d.changed.iter().map(|c| view! { <li>{format!("{}: {} {} ({})", state.t("変更", "Changed"), c.id, c.name, c.fields.join(", "))}</li> }).collect_view()}
                            {d.removed.iter().map(|(id, n)| view! { <li>{format!("{}: {id} {n}", state.t("削除", "Removed"))}</li> }).collect_view()}
                        </ul>
                        <p><button type="button" class="button" disabled=!can on:click=apply>{state.t("この一覧で置き換える", "Replace the list with this one")}</button></p>
                    </div>
                }.into_any()
            }
        })}
        {move || applied.get().map(|m| status(true, m))}
    }
}
