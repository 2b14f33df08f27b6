//! Reusable pieces, one component per file.

pub mod add_to_calendar;
pub mod app_header;
pub mod balance_summary;
pub mod evening_desk;
pub mod event_list;
pub mod expert_list;
pub mod feed_notice;
pub mod freshness;
pub mod month_calendar;
pub mod poster;
pub mod qr_code;
pub mod receive_box;
pub mod scanner;
pub mod schedule_common;
pub mod session_card;
pub mod share_button;
pub mod storage_notice;
pub mod tab_bar;
pub mod theme_dates;
pub mod ticket_card;
pub mod ticket_sheet;
pub mod today_card;
pub mod update_banner;
pub mod venue_details;
pub mod week_list;
