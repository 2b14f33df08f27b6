pub mod backup;
pub mod receive;
pub mod scan;
pub mod shops;
pub mod wallet;
