//! The city office (`office.html`, internal bundle only): keys, roster, issuance,
//! settlement, used data and the feed editor.

pub mod actions;
pub mod pages;
