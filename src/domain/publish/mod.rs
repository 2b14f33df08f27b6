//! Publishing the feed from the city office (issue 13): the check before upload, the
//! certified-shop list from Excel, next year's holidays, and the schedule editor's rules.
//! Office-only code: no holder page links it (each page inlines only the feed parsers it
//! needs), so it has no size budget.

pub mod check;
pub mod editor;
pub mod holidays_csv;
pub mod shops_csv;
