//! Scan a QR code with the camera. Camera denied or missing → a clear message; the paste
//! box and file import next to it are the manual path.

use leptos::html;
use leptos::prelude::*;
use std::time::Duration;

use crate::domain::tickets::core::bundle::{parse_scanned, Scanned};
use crate::platform::camera::{self, CameraError};
use crate::site::routes::Route;
use crate::ui::state::AppState;

/// Continuous mode: the same code is passed on again only after it was out of sight this
/// long (milliseconds).
pub const REPEAT_AFTER_MS: f64 = 3_000.0;

/// Go (from entry page `here`) to the tickets page that handles a scanned code.
pub fn open_scanned(here: &'static crate::site::Page, scanned: &Scanned) {
    let route = match scanned {
        Scanned::Bundle(b) => Route::Receive(b.to_text()),
        Scanned::Gift(g) => Route::Gift(g.to_link("").trim_start_matches("#/gift/").to_string()),
        Scanned::Ticket(t) => Route::Ticket(t.to_text()),
    };
    crate::ui::shell::navigate(here, &route);
}

/// A camera scanner. Calls `on_scan` with the first code that parses as a ticket, gift or
/// bundle, then stops the camera. With `on_text` instead (shop mode) it scans
/// continuously: every code read is passed on as text, and the camera keeps running; a
/// code held in front of the camera is passed once, again only after it has been out of
/// sight for [`REPEAT_AFTER_MS`].
#[component]
pub fn Scanner(
    /// Called with what was scanned (then the camera stops).
    #[prop(optional)]
    on_scan: Option<Callback<Scanned>>,
    /// Continuous mode: called with each code's text (the caller decides what it is).
    #[prop(optional)]
    on_text: Option<Callback<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let video = NodeRef::<html::Video>::new();
    let canvas = NodeRef::<html::Canvas>::new();
    let running = RwSignal::new(false);
    // The torch (flash light), where the camera has one the page may switch.
    let has_torch = RwSignal::new(false);
    let torch_on = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let stream = StoredValue::new_local(None::<web_sys::MediaStream>);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let busy = StoredValue::new_local(false);
    // Continuous mode: the last code passed on and when it was last seen.
    let last_seen = StoredValue::new_local(None::<(String, f64)>);

    // Each step tolerates a scanner already removed (a frame or the camera may finish
    // after the page changed).
    let stop = move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
        let _ = timer.try_set_value(None);
        if let Some(Some(s)) = stream.try_get_value() {
            camera::stop(&s);
        }
        let _ = stream.try_set_value(None);
        let _ = running.try_set(false);
    };

    let start = move |_| {
        let Some(v) = video.get_untracked() else {
            return;
        };
        problem.set(None);
        running.set(true);
        leptos::task::spawn_local(async move {
            match camera::start(&v).await {
                Ok(s) => {
                    let _ = has_torch.try_set(camera::torch_supported(&s));
                    // The scanner was removed while the camera started: turn it off again.
                    if let Some(Some(s)) = stream.try_set_value(Some(s)) {
                        camera::stop(&s);
                        return;
                    }
                    let tick = move || {
                        if busy.try_get_value().unwrap_or(true) {
                            return;
                        }
                        let (Some(Some(v)), Some(Some(c))) =
                            (video.try_get_untracked(), canvas.try_get_untracked())
                        else {
                            return;
                        };
                        let _ = busy.try_set_value(true);
                        leptos::task::spawn_local(async move {
                            let texts = camera::decode_frame(&v, &c).await;
                            // The scanner may have been removed while the frame was decoded.
                            if busy.try_set_value(false).is_some() {
                                return;
                            }
                            if let Some(on_text) = on_text {
                                pass_on_new(on_text, last_seen, texts);
                            } else {
                                take_first(state, &texts, on_scan, problem, stop);
                            }
                        });
                    };
                    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(300)) {
                        if timer.try_set_value(Some(handle)).is_some() {
                            handle.clear();
                        }
                    }
                }
                Err(e) => {
                    running.set(false);
                    problem.set(Some(camera_problem(state, e)));
                }
            }
        });
    };
    on_cleanup(stop);

    view! {
        <div class="scanner" data-state=move || if running.get() { "running" } else { "idle" }>
            <video node_ref=video class="scanner__video" aria-label=state.t("カメラの映像", "Camera view") playsinline=true></video>
            <canvas node_ref=canvas class="visually-hidden" aria-hidden="true"></canvas>
            <Show
                when=move || running.get()
                fallback=move || view! {
                    <button type="button" class="button" on:click=start>{state.t("カメラでQRを読み取る", "Scan a QR with the camera")}</button>
                }
            >
                <p role="status">{state.t("QRコードを枠の中に写してください…", "Point the camera at the QR code…")}</p>
                <button type="button" class="button button--secondary" on:click=move |_| stop()>{state.t("カメラを止める", "Stop the camera")}</button>
                <Show when=move || has_torch.get()>
                    <button type="button" class="button button--secondary" aria-pressed=move || torch_on.get().to_string()
                        on:click=move |_| {
                            let on = !torch_on.get_untracked();
                            if let Some(Some(s)) = stream.try_get_value() {
                                camera::set_torch(&s, on);
                            }
                            torch_on.set(on);
                        }>
                        {state.t("ライト", "Light")}
                    </button>
                </Show>
            </Show>
            {move || problem.get().map(|p| view! { <p class="notice notice--warn" role="alert" data-testid="scanner-problem">{p}</p> })}
        </div>
    }
}

/// Continuous mode: each code passed on, unless it is the one seen within the last
/// `REPEAT_AFTER_MS` (a code held in front of the camera counts once).
fn pass_on_new(
    on_text: Callback<String>,
    last_seen: StoredValue<Option<(String, f64)>, LocalStorage>,
    texts: Vec<String>,
) {
    let now = js_sys::Date::now();
    for text in texts {
        let repeat = last_seen.try_with_value(|l| {
            l.as_ref()
                .is_some_and(|(t, at)| *t == text && now - at < REPEAT_AFTER_MS)
        });
        let _ = last_seen.try_set_value(Some((text.clone(), now)));
        if repeat == Some(false) {
            on_text.run(text);
        }
    }
}

/// One-code mode: the first すみまセンエン code stops the camera and is passed on; any
/// other code is named as not one.
fn take_first(
    state: AppState,
    texts: &[String],
    on_scan: Option<Callback<Scanned>>,
    problem: RwSignal<Option<String>>,
    stop: impl Fn(),
) {
    match texts.iter().find_map(|t| parse_scanned(t).ok()) {
        Some(scanned) => {
            stop();
            if let Some(on_scan) = on_scan {
                on_scan.run(scanned);
            }
        }
        None if !texts.is_empty() => problem.set(Some(
            state
                .t(
                    "すみまセンエンのQRコードではありません。",
                    "Not a すみまセンエン QR code.",
                )
                .to_string(),
        )),
        None => {}
    }
}

/// What to tell her when the camera cannot start: the manual path is next to it.
fn camera_problem(state: AppState, e: CameraError) -> String {
    match e {
        CameraError::Denied => state.t(
            "カメラの使用が許可されていません。下の欄にリンクやコードを貼り付けるか、ファイルから読み込んでください。",
            "Camera permission was denied. Paste the link or code below, or import a file.",
        ).to_string(),
        CameraError::NoCamera => state.t(
            "カメラが見つかりません。下の欄にリンクやコードを貼り付けてください。",
            "No camera found. Paste the link or code below.",
        ).to_string(),
        other => format!("{} ({other})", state.t("カメラを使えません。下の欄を使ってください。", "The camera cannot be used. Use the box below.")),
    }
}
