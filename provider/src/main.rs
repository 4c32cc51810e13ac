//! `terraform-provider-dr`: the drkit/dr Terraform provider. Terraform starts it; run by hand
//! it explains itself, or serves in debug mode with `--debug`.

use std::process::ExitCode;

use drkit_tfplugin::plugin::{run, Mode};
use terraform_provider_dr::DrProvider;

const USAGE: &str = "\
Usage: terraform-provider-dr [--debug | --version | --help]

The drkit/dr Terraform provider (plugin protocol 6). Terraform starts it; it is not meant to
be run by hand.

  --debug     Serve without Terraform's launch checks and print a TF_REATTACH_PROVIDERS
              value; Terraform commands run with that variable set use this process.
  --version   Print the version.
  --help      Print this text.";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match arguments
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => run(Mode::Plugin, DrProvider),
        ["--debug"] => run(Mode::Debug, DrProvider),
        ["--version"] => {
            println!("terraform-provider-dr {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("terraform-provider-dr: unexpected arguments {other:?}.\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
