//! Components used only by this app.
pub mod balance_summary;
pub mod receive_box;
pub mod thanks_log;
pub mod ticket_card;
pub mod ticket_sheet;
pub mod where_tickets_live;
