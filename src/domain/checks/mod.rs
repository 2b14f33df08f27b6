//! Self-checks: questionnaire definitions and scoring, answers, help lines, the stored
//! progress and history, and the history chart.

pub mod answers;
pub mod chart;
pub mod desk;
pub mod helplines;
pub mod memo;
pub mod questionnaire;
pub mod record;
