//! Shop mode: the till (`shop.html`: scan, offline verdict, accept, undo) and its back
//! office (`shop-desk.html`: the till's setup, the redemption ledger, the claim export).

pub mod actions;
pub mod components;
pub mod pages;
pub mod start;
pub mod state;
