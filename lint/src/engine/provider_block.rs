//! What the `provider "dr"` block that configures a `dr_*` resource decides for it, so that
//! drlint judges a policy the way terraform-provider-dr does at plan time:
//! - the policy pack: `policy_file` adds to the pack in force (the provider adds it to the
//!   built-in pack, which is the pack in force unless `.drlint.hcl` or `--policy` change it);
//! - the default tier: `default_tier`, else the default of the pack `policy_file` made.
//!
//! A block with neither argument decides nothing: drlint's own default tier applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use drkit_model::PolicyPack;
use drkit_terraform::ir::{ProviderConfig, Resource};
use drkit_terraform::normalize_path as normalize;
use drkit_terraform::value::Value;

use super::assignment::{ObjectiveSource, UnknownObjective};

/// Resource types of terraform-provider-dr, whose provider block matters to drlint.
const DR_PREFIX: &str = "dr_";

/// What a provider block decides for one resource.
pub struct ProviderChoice<'p> {
    /// The pack `policy_file` made; `None` for the pack in force.
    pub pack: Option<&'p PolicyPack>,
    /// The tier for a policy that names none, and where it comes from.
    pub default_tier: Option<(String, ObjectiveSource)>,
}

/// Every `policy_file` the scanned provider blocks name, each read once.
#[derive(Default)]
pub struct ProviderPacks {
    by_path: HashMap<PathBuf, Result<FilePack, String>>,
}

struct FilePack {
    pack: PolicyPack,
    /// The file's own `default_tier`, when it sets one other than the pack in force.
    default_tier: Option<String>,
}

impl ProviderPacks {
    /// Reads the `policy_file` of every provider block that configures a `dr_*` resource, on
    /// top of `base` (the pack in force).
    pub fn load(resources: &[Resource], base: &PolicyPack) -> ProviderPacks {
        let mut packs = ProviderPacks::default();
        for provider in resources.iter().filter_map(dr_provider) {
            if let Some(Value::String(file)) = provider.body.value("policy_file") {
                let path = policy_file_path(provider, file);
                packs.by_path.entry(path).or_insert_with_key(|path| {
                    let pack = base.extended_from_file(path).map_err(|e| e.to_string())?;
                    let default_tier = pack
                        .default_tier
                        .clone()
                        .filter(|tier| base.default_tier.as_ref() != Some(tier));
                    Ok(FilePack { pack, default_tier })
                });
            }
        }
        packs
    }

    /// What the provider block of `resource` decides; `None` for a resource that is not the
    /// provider's or a block that sets neither argument.
    pub fn choice<'p>(
        &'p self,
        resource: &Resource,
    ) -> Result<Option<ProviderChoice<'p>>, UnknownObjective> {
        let Some(provider) = dr_provider(resource) else {
            return Ok(None);
        };
        let not_known = |argument: &str| UnknownObjective {
            reason: format!(
                "the {argument} of provider {} is not known statically",
                provider.address
            ),
        };
        let pack = match provider.body.value("policy_file") {
            None | Some(Value::Null) => None,
            Some(Value::String(file)) => {
                let path = policy_file_path(provider, file);
                match self.by_path.get(&path) {
                    Some(Ok(file_pack)) => Some((file.as_str(), file_pack)),
                    Some(Err(error)) => {
                        return Err(UnknownObjective {
                            reason: format!(
                                "the policy_file {file:?} of provider {} cannot be used: {error}",
                                provider.address
                            ),
                        })
                    }
                    None => return Err(not_known("policy_file")),
                }
            }
            Some(_) => return Err(not_known("policy_file")),
        };
        let source = |policy_file: Option<&str>| ObjectiveSource::ProviderDefault {
            provider: provider.address.clone(),
            location: provider.location.clone(),
            policy_file: policy_file.map(str::to_owned),
        };
        let default_tier = match provider.body.value("default_tier") {
            None | Some(Value::Null) => pack.and_then(|(file, file_pack)| {
                Some((file_pack.default_tier.clone()?, source(Some(file))))
            }),
            Some(Value::String(name)) => Some((name.trim().to_ascii_lowercase(), source(None))),
            Some(_) => return Err(not_known("default_tier")),
        };
        Ok(match (pack, default_tier) {
            (None, None) => None,
            (pack, default_tier) => Some(ProviderChoice {
                pack: pack.map(|(_, file_pack)| &file_pack.pack),
                default_tier,
            }),
        })
    }
}

/// The provider block of a `dr_*` resource.
fn dr_provider(resource: &Resource) -> Option<&ProviderConfig> {
    if !resource.resource_type.starts_with(DR_PREFIX) {
        return None;
    }
    resource.provider.as_deref()
}

/// A relative `policy_file` is relative to the directory Terraform runs in.
fn policy_file_path(provider: &ProviderConfig, file: &str) -> PathBuf {
    let path = Path::new(file);
    if path.is_absolute() {
        normalize(path)
    } else {
        normalize(&provider.working_dir.join(path))
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::testing::{dump, lint_files};

    const GOLD: &str = "default_tier = \"gold\"\ntier \"gold\" {\n  rpo = \"5m\"\n  rto = \"30m\"\n  min_retention = \"90d\"\n  geo_redundant = true\n  automatic_failover = true\n  deletion_protection = true\n}\n";

    fn root_with(provider_args: &str, policy_args: &str) -> String {
        format!(
            "provider \"dr\" {{\n{provider_args}\n}}\nresource \"dr_backup_policy\" \"p\" {{\n  name = \"p\"\n{policy_args}\n}}\n"
        )
    }

    fn objective_of(findings: &[crate::finding::Finding]) -> String {
        findings
            .iter()
            .find_map(|f| f.objective.as_ref())
            .map(|o| format!("{} from {}", o.tier, o.source))
            .unwrap_or_else(|| panic!("no finding with an objective:\n{}", dump(findings)))
    }

    #[test]
    fn a_relative_policy_file_is_read_from_the_root_module_directory() {
        // The root module sits below the scanned directory; Terraform runs in envs/prod.
        let main = root_with(
            "  policy_file = \"${path.module}/packs/gold.hcl\"",
            "  retention = \"30d\"",
        );
        let findings = lint_files(&[
            ("envs/prod/main.tf", &main),
            ("envs/prod/packs/gold.hcl", GOLD),
        ]);
        assert!(
            findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.message.contains("90d")),
            "{}",
            dump(&findings)
        );
        assert_eq!(
            objective_of(&findings),
            "gold from default_tier of the policy_file \"./packs/gold.hcl\" of provider dr at envs/prod/main.tf:1"
        );
        // A literal relative path works the same way.
        let literal = main.replace("${path.module}/", "");
        let findings = lint_files(&[
            ("envs/prod/main.tf", &literal),
            ("envs/prod/packs/gold.hcl", GOLD),
        ]);
        assert!(
            findings.iter().any(|f| f.message.contains("90d")),
            "{}",
            dump(&findings)
        );
    }

    #[test]
    fn default_tier_in_the_block_beats_the_file_default() {
        let main = root_with(
            "  policy_file  = \"gold.hcl\"\n  default_tier = \"staging\"",
            "  retention = \"30d\"",
        );
        let findings = lint_files(&[("main.tf", &main), ("gold.hcl", GOLD)]);
        assert!(
            !findings.iter().any(|f| f.severity == Severity::Error),
            "{}",
            dump(&findings)
        );
        // A policy naming a tier of the file's pack is judged with that pack.
        let main = root_with(
            "  policy_file = \"gold.hcl\"",
            "  tier = \"gold\"\n  rpo = \"1h\"",
        );
        let findings = lint_files(&[("main.tf", &main), ("gold.hcl", GOLD)]);
        assert!(
            findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.message.contains("5m")),
            "{}",
            dump(&findings)
        );
    }

    #[test]
    fn a_missing_or_unknown_policy_file_is_an_info_never_an_error() {
        for (args, reason) in [
            (
                "  policy_file = \"nowhere.hcl\"",
                "the policy_file \"nowhere.hcl\" of provider dr cannot be used",
            ),
            (
                "  policy_file = var.pack",
                "the policy_file of provider dr is not known statically",
            ),
        ] {
            let main = format!(
                "variable \"pack\" {{\n  type = string\n}}\n{}",
                root_with(args, "  rpo = \"4h\"")
            );
            let findings = lint_files(&[("main.tf", &main)]);
            assert!(
                !findings.iter().any(|f| f.severity == Severity::Error),
                "{}",
                dump(&findings)
            );
            assert!(
                findings
                    .iter()
                    .any(|f| f.severity == Severity::Info && f.message.contains(reason)),
                "{reason}\n{}",
                dump(&findings)
            );
        }
    }

    #[test]
    fn a_file_without_its_own_default_leaves_the_default_to_drlint() {
        let pack = GOLD.replace("default_tier = \"gold\"\n", "");
        let main = root_with("  policy_file = \"gold.hcl\"", "  rpo = \"4h\"");
        let findings = lint_files(&[("main.tf", &main), ("gold.hcl", &pack)]);
        assert_eq!(
            objective_of(&findings),
            "production from built-in default tier"
        );
    }
}
