//! The provider block: `default_tier` and `policy_file`, resolved once by ConfigureProvider
//! into the [`ProviderContext`] every resource and data source is given.

use std::path::Path;

use drkit_model::{Field, PolicyPack};

use drkit_tfplugin::cty::{Type, Value};
use drkit_tfplugin::tfprotocol::{
    Attribute, AttributeMode, AttributePath, Diagnostic, Diagnostics, Schema,
};

use crate::values::given;

pub fn provider_schema() -> Schema {
    Schema {
        version: 0,
        description:
            "Disaster-recovery objectives (RPO, RTO, retention, geo-redundancy, failover) \
                      declared in HCL, checked at terraform plan and turned into the settings \
                      Azure services take.",
        attributes: vec![
            Attribute::new(
                "default_tier",
                Type::String,
                AttributeMode::Optional,
                "The tier of every `dr_backup_policy` and `dr_failover_group` that does not set \
                 `tier`. When unset, the policy pack's own `default_tier` applies: `production` in \
                 the built-in pack, unless `policy_file` sets another. Must name a tier of the \
                 pack, matched case-insensitively; an unknown name is an error on `default_tier` \
                 that lists the known tiers (`Error: Invalid default_tier`). drlint reads this \
                 argument too: it judges a policy without `tier`, and the resources the policy \
                 names, under the `default_tier` of the provider configuration that reaches the \
                 policy, so both tools give the same verdict (`tests/provider/same_verdict` runs \
                 both on one configuration).",
            ),
            Attribute::new(
                "policy_file",
                Type::String,
                AttributeMode::Optional,
                "Path of an extra policy pack in HCL, in drlint's syntax (documented at the top of \
                 [policies/builtin.hcl](../policies/builtin.hcl)), merged over the built-in pack. \
                 A `tier` block with the name of a built-in tier replaces that tier as a whole; \
                 other `tier` blocks add tiers; a `default_tier` in the file replaces the built-in \
                 default (the provider's own `default_tier` argument still wins). The pack's \
                 `environments` map is read but only drlint uses it. A relative path is resolved \
                 against the directory Terraform runs in, so write `\"${path.module}/tiers.hcl\"` \
                 for a file next to the configuration. A file that cannot be read or is not a \
                 valid pack is an error on `policy_file` (`Error: Invalid policy_file`), which \
                 gives the reason and, for a mistake in the file, its `file:line:column`. drlint \
                 reads the same file, from the same directory, for the policies this provider \
                 configuration reaches (on top of its own pack, which is the built-in one unless \
                 `.drlint.hcl` or `--policy` change it); a file it cannot use leaves those \
                 policies unchecked, with an info saying why.",
            ),
        ],
    }
}

/// What resources need from the provider configuration. Either part may be unknown during a
/// plan (when the provider block refers to values not yet known); everything that depends on
/// the tier is then unknown too.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderContext {
    pub pack: Field<PolicyPack>,
    pub default_tier: Field<String>,
}

impl Default for ProviderContext {
    /// The built-in pack and its default tier: what an empty provider block gives.
    fn default() -> ProviderContext {
        let pack = PolicyPack::builtin();
        let default_tier = pack.default_tier_name();
        ProviderContext {
            pack: Field::Known(pack),
            default_tier: Field::Known(default_tier),
        }
    }
}

impl ProviderContext {
    /// Reads the provider block. Errors point at the argument at fault.
    pub fn configure(config: &Value) -> Result<ProviderContext, Diagnostics> {
        let pack = match given(config.attr("policy_file")).text() {
            Field::Unset => Field::Known(PolicyPack::builtin()),
            Field::Unknown => Field::Unknown,
            Field::Known(path) => {
                match PolicyPack::builtin().extended_from_file(Path::new(&path)) {
                    Ok(pack) => Field::Known(pack),
                    Err(error) => {
                        return Err(Diagnostic::error(
                            "Invalid policy_file",
                            format!("The policy pack \"{path}\" could not be used: {error}"),
                        )
                        .at(AttributePath::attribute("policy_file"))
                        .into())
                    }
                }
            }
        };
        let default_tier = match (given(config.attr("default_tier")).text(), &pack) {
            (Field::Unknown, _) | (Field::Unset, Field::Unknown) => Field::Unknown,
            (Field::Unset, Field::Known(pack)) => Field::Known(pack.default_tier_name()),
            (Field::Unset, Field::Unset) => Field::Known(PolicyPack::builtin().default_tier_name()),
            (Field::Known(name), Field::Known(pack)) => match pack.tier(&name) {
                Some(_) => Field::Known(name),
                None => {
                    return Err(Diagnostic::error(
                        "Invalid default_tier",
                        format!("default_tier: {}.", pack.unknown_tier_message(&name)),
                    )
                    .at(AttributePath::attribute("default_tier"))
                    .into())
                }
            },
            (Field::Known(name), _) => Field::Known(name),
        };
        Ok(ProviderContext { pack, default_tier })
    }

    /// The pack and the default tier when both are known.
    pub fn known(&self) -> Option<(&PolicyPack, &str)> {
        match (&self.pack, &self.default_tier) {
            (Field::Known(pack), Field::Known(default_tier)) => Some((pack, default_tier)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn config(default_tier: Value, policy_file: Value) -> Value {
        Value::Object(BTreeMap::from([
            ("default_tier".to_owned(), default_tier),
            ("policy_file".to_owned(), policy_file),
        ]))
    }

    #[test]
    fn an_empty_block_means_the_builtin_pack_and_production() {
        let context = ProviderContext::configure(&config(Value::Null, Value::Null)).unwrap();
        let (pack, default_tier) = context.known().unwrap();
        assert_eq!(default_tier, "production");
        assert!(pack.tier("critical").is_some());
        assert_eq!(context, ProviderContext::default());
    }

    #[test]
    fn default_tier_must_be_a_known_tier() {
        let diagnostics =
            ProviderContext::configure(&config(Value::from("gold"), Value::Null)).unwrap_err();
        let diagnostic = &diagnostics.0[0];
        assert_eq!(
            diagnostic.attribute,
            Some(AttributePath::attribute("default_tier"))
        );
        assert!(diagnostic
            .detail
            .contains("unknown tier \"gold\"; known tiers: critical"));
        let context =
            ProviderContext::configure(&config(Value::from("staging"), Value::Null)).unwrap();
        assert_eq!(context.known().unwrap().1, "staging");
    }

    #[test]
    fn policy_file_adds_tiers_and_can_choose_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.hcl");
        std::fs::write(
            &path,
            "default_tier = \"gold\"\ntier \"gold\" {\n  rpo = \"5m\"\n  rto = \"30m\"\n  min_retention = \"90d\"\n  geo_redundant = true\n  automatic_failover = true\n  deletion_protection = true\n}\n",
        )
        .unwrap();
        let file = Value::from(path.display().to_string());
        let context = ProviderContext::configure(&config(Value::Null, file.clone())).unwrap();
        let (pack, default_tier) = context.known().unwrap();
        assert_eq!(default_tier, "gold");
        assert!(pack.tier("gold").is_some() && pack.tier("production").is_some());
        // The provider block's default_tier wins over the pack's.
        let context = ProviderContext::configure(&config(Value::from("critical"), file)).unwrap();
        assert_eq!(context.known().unwrap().1, "critical");
    }

    #[test]
    fn a_broken_policy_file_is_an_error_on_policy_file() {
        let diagnostics = ProviderContext::configure(&config(
            Value::Null,
            Value::from("/nonexistent/drkit/pack.hcl"),
        ))
        .unwrap_err();
        let diagnostic = &diagnostics.0[0];
        assert_eq!(
            diagnostic.attribute,
            Some(AttributePath::attribute("policy_file"))
        );
        assert!(
            diagnostic.detail.contains("/nonexistent/drkit/pack.hcl"),
            "{}",
            diagnostic.detail
        );
    }

    #[test]
    fn unknown_configuration_makes_the_context_unknown() {
        let context = ProviderContext::configure(&config(Value::Unknown, Value::Null)).unwrap();
        assert!(context.known().is_none());
        assert_eq!(context.default_tier, Field::Unknown);
        let context = ProviderContext::configure(&config(Value::Null, Value::Unknown)).unwrap();
        assert_eq!(context.pack, Field::Unknown);
    }
}
