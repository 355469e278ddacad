//! corroborate: cross-reference factual claims across sources.
//!
//! Data flows one way: files ([`load`]) -> claims ([`model`]) -> normalized assertions
//! ([`normalize`]) -> groups and verdicts ([`compare`]) -> reports ([`report`]).
//! [`pipeline`] runs the stages in order. The library never prints.

#![forbid(unsafe_code)]

pub mod acknowledge;
pub mod compare;
pub mod config;
pub mod fix;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod resolve;
pub mod text;
pub mod watch;
pub mod write;
