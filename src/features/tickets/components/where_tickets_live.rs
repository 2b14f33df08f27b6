//! Where her tickets live, said on the page that receives them (`r.html`): in an app's
//! own browser (LINE, Instagram…), a request to open the link in Safari or Chrome before
//! anything is stored, with how; after receiving, which browser on this phone holds them,
//! that the city's message brings the month back, and on an iPhone's Safari how to add the
//! app to the home screen. The rules are `domain::tickets::holder::browser`.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::holder::browser::{BrowserInfo, InApp};
use crate::platform::{device, share};
use crate::ui::state::AppState;

/// The browser this page runs in.
pub fn this_browser() -> BrowserInfo {
    BrowserInfo::from_user_agent(&device::user_agent())
}

/// A button that copies `link` (the link she opened, tickets and all) so she can paste it
/// into another browser or the home-screen app; says whether it worked.
#[component]
fn CopyLink(
    link: String,
    /// The browser she will paste it into.
    into: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let copied = RwSignal::new(None::<bool>);
    let link = StoredValue::new(link);
    let copy = move |_| {
        let url = link.get_value();
        leptos::task::spawn_local(async move {
            copied.set(Some(share::copy_text(&url).await.is_ok()));
        });
    };
    view! {
        <button type="button" class="button button--secondary" on:click=copy data-testid="copy-link">
            {state.t("リンクをコピー", "Copy the link")}
        </button>
        <p role="status" class="muted">{move || copied.get().map(|ok| match (ok, state.lang.get_untracked()) {
            (true, Lang::Ja) => format!("コピーしました。{into}を開き、アドレス欄に貼り付けてください。"),
            (true, Lang::En) => format!("Copied. Open {into} and paste it into the address bar."),
            (false, Lang::Ja) => "コピーできませんでした。リンクを長押ししてコピーしてください。".to_string(),
            (false, Lang::En) => "Could not copy. Press and hold the link to copy it.".to_string(),
        })}</p>
    }
}

/// Opened in an app's own browser: why and how to open the link in the phone's browser.
/// Shown instead of the receive button, which stays behind a fold for a phone we misread.
#[component]
pub fn InAppNotice(
    browser: BrowserInfo,
    /// The link she opened (absolute).
    link: String,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let app = browser.in_app.unwrap_or(InApp::Unknown);
    let into = browser.system_browser();
    let name = app.name();
    let (title, why) = match (lang, name) {
        (Lang::Ja, Some(n)) => (
            format!("{into}で開き直してください"),
            format!("この画面は{n}の中のブラウザです。ここで受け取ったチケットは{n}の中にだけ保存され、{into}からは見えません。受け取る前に、このリンクを{into}で開いてください。"),
        ),
        (Lang::Ja, None) => (
            format!("{into}で開き直してください"),
            format!("この画面はアプリの中のブラウザです。ここで受け取ったチケットはそのアプリの中にだけ保存され、{into}からは見えません。受け取る前に、このリンクを{into}で開いてください。"),
        ),
        (Lang::En, Some(n)) => (
            format!("Open this link in {into}"),
            format!("This screen is {n}'s own browser. Tickets received here are stored only inside {n} and do not show in {into}. Before receiving, open this link in {into}."),
        ),
        (Lang::En, None) => (
            format!("Open this link in {into}"),
            format!("This screen is an app's own browser. Tickets received here are stored only inside that app and do not show in {into}. Before receiving, open this link in {into}."),
        ),
    };
    let steps = match lang {
        Lang::Ja => [
            "画面の右上か右下にある「…」や共有のボタンを押します。".to_string(),
            format!("「ブラウザで開く」または「{into}で開く」を選びます。"),
            format!("見つからないときは「リンクをコピー」を押し、{into}のアドレス欄に貼り付けて開きます。"),
        ],
        Lang::En => [
            "Tap the \"…\" or share button at the top or bottom right of the screen.".to_string(),
            format!("Choose \"Open in browser\" or \"Open in {into}\"."),
            format!("If there is none, tap \"Copy the link\" and paste it into {into}'s address bar."),
        ],
    };
    // LINE opens a link with this parameter in the phone's browser (its documented switch).
    let line = (app == InApp::Line).then(|| {
        let (base, hash) = link.split_once('#').unwrap_or((&link, ""));
        let sep = if base.contains('?') { '&' } else { '?' };
        let href = format!("{base}{sep}openExternalBrowser=1#{hash}");
        view! { <a class="button" href=href>{state.t("ブラウザで開く", "Open in the browser")}</a> }
    });
    view! {
        <section class="notice notice--warn" aria-labelledby="in-app-title" data-testid="in-app-notice">
            <h2 id="in-app-title" class="card__title">{title}</h2>
            <p>{why}</p>
            <ol class="steps">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            <div class="button-row">{line}<CopyLink link=link.clone() into=into/></div>
        </section>
    }
}

/// After receiving: where the tickets are now, what brings them back (`from_city`: a
/// month's link from the city), and on an iPhone's Safari, the home screen.
#[component]
pub fn WhereTicketsLive(
    browser: BrowserInfo,
    from_city: bool,
    /// The link she opened (absolute).
    link: String,
) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let holder = browser.in_app.and_then(InApp::name).or(browser.name);
    let here = match (lang, holder) {
        (Lang::Ja, Some(n)) => format!("チケットは、このスマホの{n}の中に保存されました。ほかのブラウザやアプリ、ほかのスマホからは見えません。"),
        (Lang::Ja, None) => "チケットは、このスマホのこのブラウザの中に保存されました。ほかのブラウザやアプリ、ほかのスマホからは見えません。".to_string(),
        (Lang::En, Some(n)) => format!("Your tickets are stored in {n} on this phone. Other browsers, apps and phones do not see them."),
        (Lang::En, None) => "Your tickets are stored in this browser on this phone. Other browsers, apps and phones do not see them.".to_string(),
    };
    let home = browser.suggests_home_screen(device::is_standalone()).then(|| {
        let steps = [
            state.t("画面の下の共有ボタン（四角から上向きの矢印）を押します。", "Tap the share button (a square with an arrow) at the bottom of the screen."),
            state.t("「ホーム画面に追加」を選び、「追加」を押します。", "Choose \"Add to Home Screen\", then \"Add\"."),
            state.t("これからは、ホーム画面の「JOKATSU」から開きます。チケットが見えないときは、このリンクをコピーして、ウォレットの「リンクやコードを貼り付け」に貼り付けてください。", "From now on, open it from \"JOKATSU\" on the home screen. If your tickets do not show there, copy this link and paste it into the wallet's \"Paste a link or code\"."),
        ];
        view! {
            <section class="card" aria-labelledby="home-screen-title" data-testid="home-screen">
                <h2 id="home-screen-title" class="card__title">{state.t("ホーム画面に追加してください", "Add the app to your home screen")}</h2>
                <p>{state.t(
                    "iPhoneのSafariは、7日間開かなかったサイトのデータを消すことがあります。ホーム画面に追加して、そこから開くと消えません。",
                    "Safari on an iPhone may delete a site's data after 7 days without a visit. Added to the home screen and opened from there, it is kept.",
                )}</p>
                <ol class="steps">{steps.map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                <div class="button-row"><CopyLink link=link.clone() into="JOKATSU"/></div>
            </section>
        }
    });
    view! {
        <p data-testid="where-tickets">{here}</p>
        {from_city.then(|| view! {
            <p data-testid="city-link-restores">{state.t(
                "スマホを替えたり、データが消えたりしても、市から届いたメッセージのこのリンクをもう一度開けば、まだ使っていないチケットが戻ります。メッセージは消さずに残しておいてください。",
                "If you change phones or the data is lost, opening this link from the city's message again brings back the tickets you have not used. Keep that message.",
            )}</p>
        })}
        {home}
    }
}
