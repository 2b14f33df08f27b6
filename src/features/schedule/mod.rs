//! The career health room (`index.html`): today, the week, the month calendar, events,
//! experts; about and privacy.

pub mod components;
pub mod pages;
