//! The holder's すみまセンエン tickets: the wallet (`w.html`), links that carry tickets
//! (`r.html`: a month's bundle, a gift, a single ticket), backup, restore and moving to a
//! new phone (`b.html`), the camera scanner (`s.html`) and the certified-shop directory
//! (`d.html`). The wallet pages share one state ([`state::WalletState`]) and one stored
//! record, saved by read-merge-write so that no page drops another's tickets.

pub mod actions;
pub mod components;
pub mod pages;
pub mod start;
pub mod state;
