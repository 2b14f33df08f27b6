//! Reusable pieces, one component per file.

pub mod app_header;
pub mod feed_notice;
pub mod freshness;
pub mod qr_code;
pub mod storage_notice;
pub mod tab_bar;
pub mod update_banner;
