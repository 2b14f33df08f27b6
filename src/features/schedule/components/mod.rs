//! Components used only by this app.
pub mod day_panel;
pub mod evening_desk;
pub mod event_list;
pub mod expert_list;
pub mod month_calendar;
pub mod poster;
pub mod session_card;
pub mod share_button;
pub mod theme_dates;
pub mod today_card;
pub mod venue_details;
pub mod week_list;
