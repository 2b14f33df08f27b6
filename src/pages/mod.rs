//! One file per route target.

use leptos::prelude::*;

use crate::routes::Route;

pub mod about;
pub mod check;
pub mod not_found;
pub mod office;
pub mod schedule;
pub mod shop;
pub mod wallet;

/// The page for `route`.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Schedule | Route::Calendar | Route::Event(_) => {
            view! { <schedule::SchedulePage/> }.into_any()
        }
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
