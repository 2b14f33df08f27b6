//! Settlement (placeholder while the ledger and claim are built).
