//! One file per route target.

use leptos::prelude::*;

use crate::routes::Route;

pub mod about;
pub mod calendar;
pub mod check;
pub mod event;
pub mod not_found;
pub mod office;
pub mod schedule;
pub mod shop;
pub mod wallet;

/// The page for `route`.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Schedule => view! { <schedule::SchedulePage/> }.into_any(),
        Route::Calendar => view! { <calendar::CalendarPage/> }.into_any(),
        Route::Event(id) => view! { <event::EventPage id=id/> }.into_any(),
        Route::Check | Route::CheckRun(_) | Route::CheckResult(_) => {
            view! { <check::CheckPage/> }.into_any()
        }
        Route::Wallet | Route::Shops | Route::Ticket(_) | Route::Receive(_) | Route::Gift(_) => {
            view! { <wallet::WalletPage/> }.into_any()
        }
        Route::Shop => view! { <shop::ShopPage/> }.into_any(),
        Route::Office => view! { <office::OfficePage/> }.into_any(),
        Route::About => view! { <about::AboutPage/> }.into_any(),
        Route::NotFound(path) => view! { <not_found::NotFoundPage path=path/> }.into_any(),
    }
}
