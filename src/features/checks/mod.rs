//! The self-checks (`c.html`): questionnaires, results with the next desk, history; and the
//! 相談メモ (`m.html`): her results written out to show at the desk (read-only, nothing sent).

pub mod actions;
pub mod components;
pub mod pages;
