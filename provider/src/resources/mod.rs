//! Managed resources. Each resource type is its attribute table and its evaluation in the DR
//! model (`drkit_model`), made a plugin resource by [`table_resource`] through [`table`]; its
//! module declares it and holds its tests. This module holds what they share: the tier to
//! evaluate against, the model's problems as diagnostics, the imported state.

pub mod backup_policy;
pub mod failover_group;
pub mod table;
mod table_resource;

use std::sync::OnceLock;

use drkit_model::Problem;
use drkit_model::Severity as ProblemSeverity;
use drkit_model::{Field, PolicyPack};
use drkit_tfplugin::cty::Value;
use drkit_tfplugin::tfprotocol::{AttributePath, Diagnostic, Diagnostics, Schema};

use crate::configuration::ProviderContext;

/// The pack and default tier to evaluate against. When the provider configuration is not
/// known yet, or the resource takes the default tier and that is not known, the resource's
/// `tier` is made unknown: the model then checks only what does not depend on the tier and
/// leaves every tier-derived value unknown.
pub fn tier_context<'a>(
    context: &'a ProviderContext,
    tier: &mut Field<String>,
) -> (&'a PolicyPack, String) {
    match (&context.pack, &context.default_tier) {
        (Field::Known(pack), Field::Known(default_tier)) => (pack, default_tier.clone()),
        (Field::Known(pack), _) => {
            if tier.is_unset() {
                *tier = Field::Unknown;
            }
            (pack, pack.default_tier_name())
        }
        _ => validation_context(tier),
    }
}

/// What validation evaluates against: it runs before the provider is configured, so the tier
/// is unknown and only tier-independent checks run.
pub fn validation_context(tier: &mut Field<String>) -> (&'static PolicyPack, String) {
    *tier = Field::Unknown;
    (builtin_pack(), builtin_pack().default_tier_name())
}

/// The built-in pack, parsed once; validation (which runs before the provider is configured)
/// checks against it with the tier unknown.
pub fn builtin_pack() -> &'static PolicyPack {
    static BUILTIN: OnceLock<PolicyPack> = OnceLock::new();
    BUILTIN.get_or_init(PolicyPack::builtin)
}

/// The model's problems as Terraform diagnostics on their attributes.
pub fn problems_to_diagnostics(problems: &[Problem]) -> Diagnostics {
    Diagnostics(
        problems
            .iter()
            .map(|problem| {
                let diagnostic = match problem.severity {
                    ProblemSeverity::Error => Diagnostic::error(
                        format!("Invalid value for {}", problem.attribute),
                        problem.message.clone(),
                    ),
                    ProblemSeverity::Warning | ProblemSeverity::Info => {
                        Diagnostic::warning(warning_summary(problem), problem.message.clone())
                    }
                };
                diagnostic.at(AttributePath::attribute(problem.attribute))
            })
            .collect(),
    )
}

/// Terraform folds warnings that share a summary into one ("and 4 more similar warnings"),
/// showing only the first detail; each warning therefore gets its own summary, the first
/// clause of its message (which names the service or the argument it is about).
fn warning_summary(problem: &Problem) -> String {
    const LONGEST_SUMMARY: usize = 140;
    let message = problem.message.trim_end_matches('.');
    let clause = message.split("; ").next().unwrap_or(message);
    if clause.is_empty() || clause.chars().count() > LONGEST_SUMMARY {
        return format!("Disaster-recovery advice for {}", problem.attribute);
    }
    // A clause that opens with an argument name (`geo_redundant = false, ...`) keeps its case.
    let first_word = clause.split([' ', '=', ':']).next().unwrap_or_default();
    if first_word.contains('_') || first_word == problem.attribute {
        return clause.to_owned();
    }
    let mut chars = clause.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => clause.to_owned(),
    }
}

/// The state an import starts from: the name (which is also the id) and nothing else; the
/// next plan fills in every other attribute from the configuration as an in-place update.
pub fn imported_state(schema: &Schema, type_name: &str, id: &str) -> Result<Value, Diagnostics> {
    if id.trim().is_empty() {
        return Err(Diagnostic::error(
            "Invalid import ID",
            format!("Import {type_name} by its name, as in terraform import {type_name}.example NAME; the ID given is empty."),
        )
        .into());
    }
    Ok(schema.object_with(&[("id", Value::from(id)), ("name", Value::from(id))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use drkit_model::Problem;

    #[test]
    fn warnings_are_summarised_by_their_first_clause() {
        let summary =
            |message: &str| warning_summary(&Problem::warning("secondary_regions", message));
        assert_eq!(
            summary("secondary region \"uksouth\" is not the Azure pair of \"westeurope\"; consider \"northeurope\"."),
            "Secondary region \"uksouth\" is not the Azure pair of \"westeurope\""
        );
        assert_eq!(
            summary(&"x".repeat(200)),
            "Disaster-recovery advice for secondary_regions"
        );
        assert_eq!(
            summary("geo_redundant = false, but the production tier requires it; remove it."),
            "geo_redundant = false, but the production tier requires it"
        );
    }

    #[test]
    fn problems_become_diagnostics_on_their_attribute() {
        let diagnostics = problems_to_diagnostics(&[
            Problem::error(
                "rpo",
                "RPO 2h is looser than the 1h the production tier requires.",
            ),
            Problem::warning(
                "retention",
                "PostgreSQL flexible server keeps at most 35 days.",
            ),
        ]);
        let [error, warning] = &diagnostics.0[..] else {
            panic!("two diagnostics expected: {diagnostics:?}")
        };
        assert_eq!(error.summary, "Invalid value for rpo");
        assert_eq!(error.attribute, Some(AttributePath::attribute("rpo")));
        assert!(error.detail.starts_with("RPO 2h is looser"));
        assert_eq!(
            warning.severity,
            drkit_tfplugin::tfprotocol::Severity::Warning
        );
        assert_eq!(
            warning.summary,
            "PostgreSQL flexible server keeps at most 35 days"
        );
        assert_eq!(
            warning.attribute,
            Some(AttributePath::attribute("retention"))
        );
    }
}

/// Helpers for the resource tests: configurations and plans against the real schemas.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use drkit_tfplugin::cty::{decode_msgpack, encode_msgpack};
    use drkit_tfplugin::tfprotocol::Severity;
    use drkit_tfplugin::{plan_resource, Resource};

    /// A configuration object: the given attributes, every other attribute null.
    pub fn config(resource: &dyn Resource<ProviderContext>, given: &[(&str, Value)]) -> Value {
        resource.schema().object_with(given)
    }

    /// Plans a create with the built-in pack and checks the planned state fits the schema
    /// on the wire.
    pub fn plan(
        resource: &dyn Resource<ProviderContext>,
        given: &[(&str, Value)],
    ) -> (Value, Diagnostics) {
        plan_with(resource, &ProviderContext::default(), given, &Value::Null)
    }

    pub fn plan_with(
        resource: &dyn Resource<ProviderContext>,
        context: &ProviderContext,
        given: &[(&str, Value)],
        prior: &Value,
    ) -> (Value, Diagnostics) {
        let (planned, diagnostics) =
            plan_resource(resource, context, &config(resource, given), prior);
        let ty = resource.schema().object_type();
        let bytes = encode_msgpack(&planned, &ty).expect("planned state encodes");
        assert_eq!(decode_msgpack(&bytes, &ty).unwrap(), planned);
        (planned, diagnostics)
    }

    /// (attribute, detail) of each diagnostic of a severity.
    pub fn messages(diagnostics: &Diagnostics, severity: Severity) -> Vec<(String, String)> {
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| {
                let attribute = match d.attribute.as_ref().and_then(|path| path.0.first()) {
                    Some(drkit_tfplugin::tfprotocol::diagnostics::PathStep::Attribute(name)) => {
                        name.clone()
                    }
                    _ => String::new(),
                };
                (attribute, d.detail.clone())
            })
            .collect()
    }

    pub fn strings(items: &[&str]) -> Value {
        Value::List(items.iter().map(|item| Value::from(*item)).collect())
    }
}
