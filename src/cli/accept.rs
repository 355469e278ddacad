//! `corroborate accept`: acknowledge current findings in claims/accepted.yaml.

use super::args::AcceptArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, analyze};
use corroborate::model::Rule;
use corroborate::normalize::vocab::{closest, did_you_mean};
use corroborate::text::plural;

pub fn run(args: &AcceptArgs) -> u8 {
    let (reason, fingerprints, rule) = (&args.reason, &args.fingerprints, &args.rule);
    if reason.trim().is_empty() {
        eprintln!("error: --reason must say why the finding is accepted");
        return EXIT_ERROR;
    }
    if fingerprints.is_empty() && Rule::from_code(rule).is_none() {
        let codes = Rule::ALL.iter().map(|r| r.code());
        eprintln!(
            "error: --rule `{rule}` is not a rule code{} (`corroborate rules` lists them)",
            did_you_mean(&closest(rule, codes))
        );
        return EXIT_ERROR;
    }
    let analysis = match analyze(&args.dir, true) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let entries =
        match corroborate::acknowledge::select(&analysis.findings, fingerprints, rule, reason) {
            Ok(e) => e,
            Err(fp) => {
                eprintln!("error: no current unacknowledged finding has fingerprint `{fp}`");
                return EXIT_ERROR;
            }
        };
    let file = corroborate::load::ACCEPTED_FILE;
    let path = analysis.loaded.root.join("claims").join(file);
    match corroborate::acknowledge::append(&path, &entries) {
        Ok(n) => {
            eprintln!(
                "acknowledged {} in claims/{file}",
                plural(n, "finding", "findings")
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}
