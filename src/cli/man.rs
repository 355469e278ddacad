//! `corroborate man`: the man page (roff).

use super::args::Cli;
use super::{EXIT_ERROR, print};
use clap::CommandFactory;

pub fn run() -> u8 {
    match page() {
        Ok(page) => print(&page),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

/// The man page: one page for the whole tool, each command in its own subsection (there are
/// no separate corroborate-check(1) pages to refer to), then exit status and environment.
fn page() -> std::io::Result<String> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        let name = format!("corroborate {}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut part)?;
        }
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        for line in String::from_utf8_lossy(&part).lines() {
            // Each command's parts become paragraphs of its subsection.
            let line = match line {
                ".SH SYNOPSIS" => continue,
                ".SH DESCRIPTION" => ".PP",
                ".SH OPTIONS" => ".PP\nOptions:",
                other => other,
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    out.extend_from_slice(MAN_TAIL.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

const MAN_TAIL: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Clean: nothing at or above the \fB\-\-fail\-on\fR severity that is not acknowledged; for
commands that do not judge (report, resolve...), done.
.TP
\fB1\fR
Findings: invalid claims, quotes not found, new conflicts (check); a value that cannot be
read (normalize).
.TP
\fB2\fR
corroborate could not do its job: bad arguments (an unknown \fB\-\-subject\fR,
\fB\-\-source\fR, \fB\-\-verdict\fR or \fB\-\-rule\fR), unreadable or malformed input
(YAML syntax, unknown or missing fields, wrong types, bad encoding, oversized files), no
claims/ folder. report still writes what it could read, and names every input error.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (with \fB\-\-color auto\fR). Wins over FORCE_COLOR.
.TP
\fBFORCE_COLOR\fR
When set and not \fB0\fR or \fBfalse\fR, colour even when the output is not a terminal.
.TP
\fBCOLUMNS\fR
The width tables wrap to; without it, the terminal's width, or 120 columns in a pipe.
.TP
\fBCORROBORATE_BOOKS\fR, \fBCORROBORATE_REQUIRE_BROWSER\fR
For the test suite only: make the absence of the Books benchmark or of a headless browser a
failure instead of a skipped test.
"#;
