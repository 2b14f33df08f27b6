//! One file per route target.

use leptos::prelude::*;

use crate::routes::Route;

pub mod about;
pub mod calendar;
pub mod check;
pub mod check_result;
pub mod check_run;
pub mod event;
pub mod not_found;
pub mod office;
pub mod receive;
pub mod scan;
pub mod schedule;
pub mod shop;
pub mod shops;
pub mod wallet;

/// The page for `route` on the career health room entry (`index.html`).
pub fn render_home(route: Route) -> AnyView {
    match route {
        Route::Schedule => view! { <schedule::SchedulePage/> }.into_any(),
        Route::Calendar => view! { <calendar::CalendarPage/> }.into_any(),
        Route::Event(id) => view! { <event::EventPage id=id/> }.into_any(),
        Route::About => view! { <about::AboutPage/> }.into_any(),
        Route::NotFound(path) => view! { <not_found::NotFoundPage path=path/> }.into_any(),
        // Routes of the other entry are redirected before rendering (app.rs).
        other => view! { <not_found::NotFoundPage path=other.href()/> }.into_any(),
    }
}

/// The page for `route` on the tickets entry (`w.html`).
pub fn render_tickets(route: Route) -> AnyView {
    match route {
        Route::Wallet => view! { <wallet::WalletPage/> }.into_any(),
        Route::Shops => view! { <shops::ShopsPage/> }.into_any(),
        r @ (Route::Ticket(_) | Route::Receive(_) | Route::Gift(_)) => {
            view! { <receive::ReceivePage route=r/> }.into_any()
        }
        Route::Shop => view! { <shop::ShopPage/> }.into_any(),
        Route::Office => view! { <office::OfficePage/> }.into_any(),
        other => view! { <not_found::NotFoundPage path=other.href()/> }.into_any(),
    }
}

/// The page for `route` on the scanner entry (`s.html`).
pub fn render_scan(route: Route) -> AnyView {
    match route {
        Route::Scan => view! { <scan::ScanPage/> }.into_any(),
        other => view! { <not_found::NotFoundPage path=other.href()/> }.into_any(),
    }
}

/// The page for `route` on the self-check entry (`c.html`).
pub fn render_checks(route: Route) -> AnyView {
    match route {
        Route::Check => view! { <check::CheckPage/> }.into_any(),
        Route::CheckRun(id) => view! { <check_run::CheckRunPage id=id/> }.into_any(),
        Route::CheckResult(id) => view! { <check_result::CheckResultPage id=id/> }.into_any(),
        other => view! { <not_found::NotFoundPage path=other.href()/> }.into_any(),
    }
}
