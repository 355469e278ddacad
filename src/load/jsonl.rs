//! The JSON Lines formats, for machine-generated claims: `claims/sources.jsonl` (one source
//! header per line), `claims/entities.jsonl` (one entity per line, beside or instead of
//! `entities.yaml`) and `claims/*.jsonl` (one claim per line, naming its source). Their
//! records are the plain ones every writer uses.

pub use crate::model::record::ClaimLine;
/// One line of `claims/entities.jsonl`: the fields of an `entities.yaml` entry.
pub use crate::model::record::EntityRecord as EntityLine;
/// One line of `claims/sources.jsonl`: a source header.
pub use crate::model::record::SourceHeader as SourceLine;
