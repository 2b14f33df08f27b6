//! The editor's form fields: a labelled input or select with its error, and the
//! check report's notice class.

use leptos::prelude::*;

pub(super) fn value_of(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// A labelled text input whose error (if any) is tied to it with `aria-describedby`.
#[component]
pub(super) fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(h.clone());
            }
            if error.get().is_some() {
                ids.push(e.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <input id=id class="input" type=input_type.unwrap_or("text") autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(value_of(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described/>
            {move || error.get().map(|e| view! { <p class="field__error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A labelled select.
#[component]
pub(super) fn SelectField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let e = error_id.clone();
        move || error.get().map(|_| e.clone())
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            <select id=id class="select" on:change=move |ev| value.set(value_of(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described>
                {options.into_iter().map(|(v, l)| {
                    let selected = { let v = v.clone(); move || value.get() == v };
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|e| view! { <p class="field__error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

pub(super) fn report_class(errors: usize, warnings: usize) -> &'static str {
    if errors > 0 {
        "notice notice--danger"
    } else if warnings > 0 {
        "notice"
    } else {
        "notice notice--ok"
    }
}
