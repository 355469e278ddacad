//! `corroborate completions`: a shell completion script.

use super::args::Cli;
use super::print;
use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> u8 {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "corroborate", &mut out);
    print(&String::from_utf8_lossy(&out))
}
