//! Reusable pieces, one component per file.

pub mod app_header;
pub mod balance_summary;
pub mod feed_notice;
pub mod freshness;
pub mod qr_code;
pub mod receive_box;
pub mod scanner;
pub mod storage_notice;
pub mod tab_bar;
pub mod ticket_card;
pub mod ticket_sheet;
pub mod update_banner;
