//! Shared components: the shell's pieces and those several apps use.
pub mod add_to_calendar;
pub mod app_header;
pub mod dialog;
pub mod feed_notice;
pub mod freshness;
pub mod qr_code;
pub mod scanner;
pub mod schedule_common;
pub mod storage_notice;
pub mod tab_bar;
pub mod trust_notice;
pub mod update_banner;
