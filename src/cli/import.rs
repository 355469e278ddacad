//! `corroborate import`: a table of claims into a JSON Lines dossier.

use super::args::ImportCmd;
use super::{EXIT_CLEAN, EXIT_ERROR};
use corroborate::import::{ImportOptions, Role, import};
use corroborate::model::ValueKind;
use corroborate::text::plural;

pub fn run(cmd: ImportCmd) -> u8 {
    let (table, output, args) = (cmd.table, cmd.output, cmd.args);
    let mut roles = Vec::new();
    for c in &args.columns {
        match Role::from_name(if c.trim() == "-" { "" } else { c }) {
            Some(r) => roles.push(r),
            None => {
                eprintln!(
                    "error: unknown column role \"{c}\" in --columns; use object, property, value, source, time or - (ignored)"
                );
                return EXIT_ERROR;
            }
        }
    }
    let opts = ImportOptions {
        columns: (!roles.is_empty()).then_some(roles),
        header: args.header,
        value_columns: args.value_columns,
        hierarchy: args.hierarchy,
        delimiter: args
            .delimiter
            .map(|d| if d == "tab" { b'\t' } else { b',' }),
        property: args.property,
        // clap admits only the kinds' names.
        kind: args.kind.as_deref().and_then(ValueKind::from_name),
        overwrite: args.force,
    };
    match import(&table, &output, &opts) {
        Ok(s) => {
            eprintln!(
                "imported {} ({}, {} without a value skipped) from {} about {}{} into {}",
                plural(s.claims, "claim", "claims"),
                plural(s.rows, "row", "rows"),
                s.skipped_empty,
                plural(s.sources, "source", "sources"),
                plural(s.objects, "object", "objects"),
                if s.hierarchy_nodes > 0 {
                    format!(
                        ", with a hierarchy of {}",
                        plural(s.hierarchy_nodes, "node", "nodes")
                    )
                } else {
                    String::new()
                },
                output.display()
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}
