//! Where a resource's DR objective comes from, first match wins:
//! 1. a `dr_backup_policy` / `dr_failover_group` whose `targets` / `members` refer to it (or
//!    whose computed settings the resource takes, `dr_backup_policy.x.azure.*`);
//! 2. tags `dr_tier`, `dr_rpo`, `dr_rto` on the resource;
//! 3. tag `environment` / `env`, through the pack's environment map;
//! 4. path rules and `default_tier` in `.drlint.hcl`;
//! 5. `--default-tier`, else the default tier of the policy pack (`production` in the
//!    built-in one).
//!
//! A `dr_*` resource (a policy block itself) whose `provider "dr"` block sets `default_tier`
//! takes that tier before 4 and 5: the provider validates it under that tier, and drlint must
//! reach the same verdict.
//!
//! Tags `dr_rpo` / `dr_rto` refine whichever tier applies; a policy block's own `rpo`, `rto`,
//! `retention` and `geo_redundant` override its tier's values.

use std::collections::HashMap;

use crate::config::Config;
use drkit_model::backup_policy::BACKUP_POLICY;
use drkit_model::failover_group::FAILOVER_GROUP;
use drkit_model::{Duration, PolicyPack};
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use super::assignment::{Assignment, ObjectiveSource, UnknownObjective};
use super::provider_block::{ProviderChoice, ProviderPacks};
use crate::sources::{scoped, Identities};

/// The policy blocks found in the scanned code, indexed by the resources they name.
#[derive(Debug, Default)]
pub struct PolicyIndex<'a> {
    /// Target address (with and without instance key) -> policy resources naming it, in source order.
    by_target: HashMap<String, Vec<&'a Resource>>,
}

/// The `dr_*` types that assign objectives, and the argument listing the resources they cover.
const POLICY_TYPES: [(&str, &str); 2] = [
    (BACKUP_POLICY.type_name, "targets"),
    (FAILOVER_GROUP.type_name, "members"),
];

impl<'a> PolicyIndex<'a> {
    pub fn build(resources: &'a [Resource], identities: &Identities) -> PolicyIndex<'a> {
        let mut index = PolicyIndex::default();
        let mut policies: HashMap<String, &'a Resource> = HashMap::new();
        for resource in resources {
            let Some((_, list_attr)) = POLICY_TYPES
                .iter()
                .find(|(t, _)| *t == resource.resource_type)
            else {
                continue;
            };
            policies.insert(scoped(resource, &resource.address()), resource);
            policies
                .entry(scoped(resource, &resource.block_address()))
                .or_insert(resource);
            if let Some(targets) = resource.body.value(list_attr) {
                for address in identities.named_by(resource, list_attr, targets) {
                    index.add(scoped(resource, address), resource);
                }
            }
        }
        if policies.is_empty() {
            return index;
        }
        // A resource whose settings come from a policy (`dr_backup_policy.x.azure.*`) is judged
        // against that policy too: it cannot be listed in the policy's `targets` without a cycle.
        for resource in resources {
            if policies.contains_key(&scoped(resource, &resource.address())) {
                continue;
            }
            let mut consumed = Vec::new();
            collect_refs(&resource.body, &mut consumed);
            for address in consumed {
                if let Some(policy) = policies.get(&scoped(resource, address)) {
                    index.add(scoped(resource, &resource.address()), policy);
                }
            }
        }
        index
    }

    fn add(&mut self, target: String, policy: &'a Resource) {
        let entry = self.by_target.entry(target).or_default();
        if !entry.iter().any(|r| std::ptr::eq(*r, policy)) {
            entry.push(policy);
        }
    }

    /// Policies naming this resource: by its instance address first, then its block address.
    fn policies_for(&self, resource: &Resource) -> Vec<&'a Resource> {
        let mut found = Vec::new();
        for address in [resource.address(), resource.block_address()] {
            if let Some(list) = self.by_target.get(&scoped(resource, &address)) {
                found.extend(list.iter().copied());
            }
        }
        found
    }
}

fn collect_refs<'b>(body: &'b drkit_terraform::ir::Body, out: &mut Vec<&'b str>) {
    for attr in body.attributes.values() {
        out.extend(attr.value.referenced_addresses());
    }
    for block in &body.blocks {
        collect_refs(&block.body, out);
    }
}

/// Resolves the objective of one resource.
pub struct ObjectiveResolver<'a> {
    pub config: &'a Config,
    pub policies: PolicyIndex<'a>,
    /// `--default-tier`
    pub cli_default_tier: Option<&'a str>,
    /// The packs that `policy_file` in provider blocks make.
    pub provider_packs: ProviderPacks,
}

impl<'a> ObjectiveResolver<'a> {
    /// The policy pack a resource is judged with: the one its provider block's `policy_file`
    /// makes, else the pack in force.
    pub fn pack_for(&self, resource: &Resource) -> &PolicyPack {
        match self.provider_packs.choice(resource) {
            Ok(Some(ProviderChoice {
                pack: Some(pack), ..
            })) => pack,
            _ => &self.config.pack,
        }
    }

    pub fn resolve(&self, resource: &Resource) -> Result<Assignment, UnknownObjective> {
        let pack = &self.config.pack;
        let tier_named = |name: &str| {
            pack.tier(name).ok_or_else(|| UnknownObjective {
                reason: format!(
                    "tier {name:?} is not defined; known tiers are {}",
                    pack.tier_names().join(", ")
                ),
            })
        };

        // 1. A policy block naming the resource.
        if let Some(policy) = self.policies.policies_for(resource).first() {
            return self.objective_of_policy(policy);
        }

        // 2 and 3. Tags.
        let tags = resource.body.value("tags").and_then(Value::as_map);
        let tag = |key: &str| -> Option<String> {
            tags.and_then(|t| t.get(key))
                .and_then(Value::to_string_lossy)
        };
        let mut objective = None;
        if let Some(name) = tag("dr_tier") {
            let tier = tier_named(&name.to_ascii_lowercase())?;
            objective = Some(Assignment::of_tier(
                tier,
                ObjectiveSource::Tags {
                    tags: vec![("dr_tier".into(), name)],
                },
            ));
        }
        if objective.is_none() {
            for key in ["environment", "env"] {
                if let Some(value) = tag(key) {
                    if let Some(tier) = pack.tier_for_environment(&value) {
                        objective = Some(Assignment::of_tier(
                            tier,
                            ObjectiveSource::EnvironmentTag {
                                key: key.into(),
                                value,
                            },
                        ));
                        break;
                    }
                }
            }
        }

        // 4 and 5. Configuration and command line.
        let mut objective = match objective {
            Some(o) => o,
            None => self.default_objective(resource)?,
        };

        // dr_rpo / dr_rto refine whichever tier applied.
        let mut refined = Vec::new();
        for (key, slot) in [
            ("dr_rpo", &mut objective.objective.rpo),
            ("dr_rto", &mut objective.objective.rto),
        ] {
            if let Some(text) = tag(key) {
                let duration = Duration::parse(&text).map_err(|e| UnknownObjective {
                    reason: format!("tag {key} cannot be used: {e}"),
                })?;
                *slot = Some(duration);
                refined.push((key.to_string(), text));
            }
        }
        if !refined.is_empty() {
            objective.source = match objective.source {
                ObjectiveSource::Tags { mut tags } => {
                    tags.extend(refined);
                    ObjectiveSource::Tags { tags }
                }
                _ => ObjectiveSource::Tags { tags: refined },
            };
        }
        Ok(objective)
    }

    fn default_objective(&self, resource: &Resource) -> Result<Assignment, UnknownObjective> {
        let mut pack = &self.config.pack;
        let mut provider_default = None;
        if let Some(choice) = self.provider_packs.choice(resource)? {
            pack = choice.pack.unwrap_or(pack);
            provider_default = choice.default_tier;
        }
        if let Some((name, source)) = provider_default {
            let tier = pack.tier(&name).ok_or_else(|| UnknownObjective {
                reason: format!(
                    "tier {name:?} ({source}) is not defined; known tiers are {}",
                    pack.tier_names().join(", ")
                ),
            })?;
            return Ok(Assignment::of_tier(tier, source));
        }
        let config_file = self
            .config
            .file
            .clone()
            .unwrap_or_else(|| crate::config::CONFIG_FILE_NAME.into());
        let path_rule = self.config.path_rule_for(&resource.location.file);
        let (name, source) = if let Some(rule) = path_rule {
            (
                rule.tier.clone(),
                ObjectiveSource::PathRule {
                    pattern: rule.pattern.clone(),
                    config_file,
                },
            )
        } else if let Some(tier) = &self.config.default_tier {
            (tier.clone(), ObjectiveSource::ConfigDefault { config_file })
        } else if let Some(tier) = self.cli_default_tier {
            (tier.to_string(), ObjectiveSource::CommandLine)
        } else {
            (pack.default_tier_name(), ObjectiveSource::BuiltinDefault)
        };
        let tier = pack.tier(&name).ok_or_else(|| UnknownObjective {
            reason: format!(
                "tier {name:?} ({source}) is not defined; known tiers are {}",
                pack.tier_names().join(", ")
            ),
        })?;
        Ok(Assignment::of_tier(tier, source))
    }

    fn objective_of_policy(&self, policy: &Resource) -> Result<Assignment, UnknownObjective> {
        let pack = match self.provider_packs.choice(policy)? {
            Some(ProviderChoice {
                pack: Some(pack), ..
            }) => pack,
            _ => &self.config.pack,
        };
        let address = policy.address();
        let unknown = |what: &str| UnknownObjective {
            reason: format!("the {what} of {address} is not known statically"),
        };
        let source = if policy.resource_type == FAILOVER_GROUP.type_name {
            ObjectiveSource::FailoverGroup {
                address: address.clone(),
                location: policy.location.clone(),
            }
        } else {
            ObjectiveSource::BackupPolicy {
                address: address.clone(),
                location: policy.location.clone(),
            }
        };
        let tier_name = match policy.body.value("tier") {
            None => self.default_objective(policy)?.objective.tier,
            Some(v) => v
                .as_str()
                .ok_or_else(|| unknown("tier"))?
                .to_ascii_lowercase(),
        };
        let tier = pack.tier(&tier_name).ok_or_else(|| UnknownObjective {
            reason: format!(
                "{address} names tier {tier_name:?}, which is not defined; known tiers are {}",
                pack.tier_names().join(", ")
            ),
        })?;
        let mut objective = Assignment::of_tier(tier, source);
        for (attr, slot) in [
            ("rpo", &mut objective.objective.rpo),
            ("rto", &mut objective.objective.rto),
            ("retention", &mut objective.objective.retention),
        ] {
            if let Some(value) = policy.body.value(attr) {
                let text = value.as_str().ok_or_else(|| unknown(attr))?;
                let duration = Duration::parse(text).map_err(|e| UnknownObjective {
                    reason: format!("the {attr} of {address} cannot be used: {e}"),
                })?;
                *slot = Some(duration);
            }
        }
        if let Some(value) = policy.body.value("geo_redundant") {
            objective.objective.geo_redundant =
                value.as_bool().ok_or_else(|| unknown("geo_redundant"))?;
        }
        Ok(objective)
    }
}
