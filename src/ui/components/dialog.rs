//! The one modal dialog: a sheet or a confirm over the page. Its first control takes the
//! focus when it opens; Tab and Shift+Tab stay inside it; Escape closes it wherever the
//! focus is (it may not have moved in yet); when it closes, the focus goes back to the
//! element that opened it.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::focus::{element, focus_soon};

/// The dialog's ARIA role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogRole {
    /// `dialog`: a sheet to work in.
    Dialog,
    /// `alertdialog`: a question to answer.
    AlertDialog,
}

impl DialogRole {
    fn as_str(self) -> &'static str {
        match self {
            DialogRole::Dialog => "dialog",
            DialogRole::AlertDialog => "alertdialog",
        }
    }
}

thread_local! {
    /// How many dialogs are open (mounted) now.
    static OPEN: Cell<u32> = const { Cell::new(0) };
    /// The element that opened the page's dialog: the focus goes back there when it
    /// closes. Dialogs that follow one another (a sheet, then a question about it) share
    /// it; a page shows one modal dialog at a time.
    static OPENER: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
}

/// Remember the element that has the focus now as the opener of the dialog about to open.
pub fn remember_opener() {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    OPENER.with(|o| o.replace(active));
}

/// Remember the element with `id` as the opener (a browser may not focus the button it
/// clicked).
pub fn remember_opener_id(id: &str) {
    OPENER.with(|o| o.replace(element(id)));
}

/// Focus the opener again if it is still on the page, unless another dialog has opened
/// meanwhile (a question that follows a sheet takes the focus instead, and the opener
/// is kept for when it closes).
fn restore() {
    if OPEN.with(Cell::get) > 0 {
        return;
    }
    if let Some(el) = OPENER.with(RefCell::take).filter(|el| el.is_connected()) {
        let _ = el.focus();
    }
}

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), a[href], input:not([disabled]), textarea:not([disabled]), select:not([disabled])";

/// Keeps Tab inside the dialog `ev` happened in (its current target): from the last
/// focusable element back to the first, and the other way round.
fn trap_tab(ev: web_sys::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    // `querySelectorAll` through js-sys (the crate's web-sys features have no NodeList).
    let Some(list) = js_sys::Reflect::get(&dialog, &"querySelectorAll".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&dialog, &FOCUSABLE.into()).ok())
        .map(|nodes| js_sys::Array::from(&nodes))
    else {
        return;
    };
    let n = list.length();
    if n == 0 {
        return;
    }
    let first = list.get(0);
    let last = list.get(n - 1);
    let active: wasm_bindgen::JsValue = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map_or(wasm_bindgen::JsValue::NULL, Into::into);
    let target = if ev.shift_key() && active == first {
        Some(last)
    } else if !ev.shift_key() && active == last {
        Some(first)
    } else {
        None
    };
    if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        ev.prevent_default();
        let _ = el.focus();
    }
}

/// A dialog has opened: focus `focus` once it is drawn, close on Escape, and when it
/// closes give the focus back to its opener (not generic: one copy for every dialog).
fn opened(focus: &'static str, on_close: Box<dyn Fn()>) {
    OPEN.with(|n| n.set(n.get() + 1));
    focus_soon(focus);
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_close();
        }
    });
    on_cleanup(move || {
        OPEN.with(|n| n.set(n.get().saturating_sub(1)));
        esc.remove();
        request_animation_frame(restore);
    });
}

/// A modal dialog (`aria-modal="true"`), open while its view is mounted.
pub struct Dialog {
    /// `dialog` or `alertdialog`.
    pub role: DialogRole,
    /// Its classes (`sheet`, `sheet sheet--small`).
    pub class: &'static str,
    /// The id of its title.
    pub labelledby: &'static str,
    /// The id of its text, if any.
    pub describedby: Option<&'static str>,
    /// Its `data-testid`.
    pub testid: &'static str,
    /// The id of the control that takes the focus when it opens.
    pub focus: &'static str,
    /// Escape: the page closes the dialog. (Where the focus goes back when it closes is
    /// remembered before it opens: [`remember_opener`], [`remember_opener_id`].)
    pub on_close: Box<dyn Fn()>,
}

impl Dialog {
    /// The dialog around `content` (its title, text and controls).
    pub fn view(self, content: impl IntoView) -> impl IntoView {
        opened(self.focus, self.on_close);
        view! {
            <div class=self.class role=self.role.as_str() aria-modal="true"
                aria-labelledby=self.labelledby aria-describedby=self.describedby
                on:keydown=trap_tab data-testid=self.testid>
                {content}
            </div>
        }
    }
}
