//! A QR code drawn as SVG (black on white with its quiet zone), for showing at a till.

use leptos::prelude::*;

use crate::domain::shared::qr::qr_path;

/// A QR code for `text`. `label` is its accessible name (e.g. "チケット 202612-3 のQRコード").
#[component]
pub fn QrCode(
    /// The exact text to encode.
    text: String,
    /// Accessible name for screen readers.
    label: String,
) -> impl IntoView {
    match qr_path(&text) {
        Ok(qr) => {
            let size = qr.size.to_string();
            let view_box = format!("0 0 {size} {size}");
            view! {
                <svg
                    class="qr"
                    viewBox=view_box
                    role="img"
                    aria-label=label
                    shape-rendering="crispEdges"
                    data-qr-version=qr.version.to_string()
                >
                    <rect width=size.clone() height=size fill="#ffffff"/>
                    <path d=qr.d fill="#000000"/>
                </svg>
            }
            .into_any()
        }
        Err(e) => {
            view! { <p class="notice notice--danger" role="alert">{e.to_string()}</p> }.into_any()
        }
    }
}
