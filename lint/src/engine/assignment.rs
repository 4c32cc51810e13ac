//! A resource's objective with what assigned it, as findings and summaries say it; or why none
//! could be determined.

use std::fmt;

use drkit_model::{Objective, Tier};
use drkit_terraform::ir::Location;

/// What a resource must achieve, and what assigned it that objective.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub objective: Objective,
    pub source: ObjectiveSource,
}

/// Where an objective came from, for messages and the JSON `objective.source`.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectiveSource {
    BackupPolicy {
        address: String,
        location: Location,
    },
    FailoverGroup {
        address: String,
        location: Location,
    },
    Tags {
        tags: Vec<(String, String)>,
    },
    EnvironmentTag {
        key: String,
        value: String,
    },
    PathRule {
        pattern: String,
        config_file: String,
    },
    ConfigDefault {
        config_file: String,
    },
    /// `default_tier` in the `provider "dr"` block that configures a `dr_*` resource, or the
    /// default tier of the pack its `policy_file` names.
    ProviderDefault {
        provider: String,
        location: Location,
        policy_file: Option<String>,
    },
    CommandLine,
    BuiltinDefault,
}

impl fmt::Display for ObjectiveSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectiveSource::BackupPolicy { address, location }
            | ObjectiveSource::FailoverGroup { address, location } => {
                write!(f, "{address} at {}:{}", location.file, location.line)
            }
            ObjectiveSource::Tags { tags } => {
                let parts: Vec<String> = tags.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
                write!(f, "tag {}", parts.join(", "))
            }
            ObjectiveSource::EnvironmentTag { key, value } => write!(f, "tag {key} = {value:?}"),
            ObjectiveSource::PathRule {
                pattern,
                config_file,
            } => {
                write!(f, "path rule {pattern:?} in {config_file}")
            }
            ObjectiveSource::ConfigDefault { config_file } => {
                write!(f, "default_tier in {config_file}")
            }
            ObjectiveSource::ProviderDefault {
                provider,
                location,
                policy_file,
            } => {
                f.write_str("default_tier of ")?;
                if let Some(file) = policy_file {
                    write!(f, "the policy_file {file:?} of ")?;
                }
                write!(
                    f,
                    "provider {provider} at {}:{}",
                    location.file, location.line
                )
            }
            ObjectiveSource::CommandLine => f.write_str("--default-tier"),
            ObjectiveSource::BuiltinDefault => f.write_str("built-in default tier"),
        }
    }
}

impl Assignment {
    pub(super) fn of_tier(tier: &Tier, source: ObjectiveSource) -> Assignment {
        Assignment {
            objective: Objective::of_tier(tier),
            source,
        }
    }

    /// `production tier (tag environment = "prod")`: how messages name the objective.
    pub fn describe(&self) -> String {
        format!("{} tier ({})", self.objective.tier, self.source)
    }
}

/// Why an objective could not be determined: the rules then skip the resource with an info finding.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownObjective {
    pub reason: String,
}
