//! What a rule sees while it checks one resource, and how it reports.

use crate::finding::{Finding, ObjectiveSummary, Severity};
use crate::lint::links::Links;
use crate::lint::objective::Objective;
use drkit_model::Duration;
use drkit_terraform::ir::{Body, Location, Resource};
use drkit_terraform::value::Value;

use super::RuleInfo;

/// One rule checking one resource.
pub struct Check<'a> {
    pub resource: &'a Resource,
    pub objective: &'a Objective,
    /// Cross-resource references (linked servers, failover groups).
    pub links: &'a Links<'a>,
    pack: &'a drkit_model::PolicyPack,
    pub(crate) rule: &'static RuleInfo,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Check<'a> {
    pub fn new(
        rule: &'static RuleInfo,
        resource: &'a Resource,
        objective: &'a Objective,
        links: &'a Links<'a>,
        pack: &'a drkit_model::PolicyPack,
    ) -> Self {
        Check {
            resource,
            objective,
            links,
            pack,
            rule,
            findings: Vec::new(),
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The policy pack in force (built-in, `.drlint.hcl`, `--policy`).
    pub fn pack(&self) -> &'a drkit_model::PolicyPack {
        self.pack
    }

    pub fn body(&self) -> &'a Body {
        &self.resource.body
    }

    /// `production tier (tag environment = "prod")`: how messages name the objective.
    pub fn objective_source(&self) -> String {
        format!("{} tier ({})", self.objective.tier, self.objective.source)
    }

    /// A tier requirement that the configuration does not meet.
    pub fn violation(&mut self, at: Option<&Location>, message: String) {
        self.report(Severity::Error, at, message);
    }

    /// Advice that is not a tier requirement.
    pub fn warning(&mut self, at: Option<&Location>, message: String) {
        self.report(Severity::Warning, at, message);
    }

    /// Something that could not be checked, e.g. a value only known at apply time.
    pub fn unknown(&mut self, at: Option<&Location>, requirement: &str, what: &str) {
        self.report(
            Severity::Info,
            at,
            format!("{requirement} could not be checked: {what} is not known statically; lint a plan JSON to check it"),
        );
    }

    fn report(&mut self, severity: Severity, at: Option<&Location>, message: String) {
        let location = at
            .cloned()
            .unwrap_or_else(|| self.resource.location.clone());
        let source_line = if location == self.resource.location {
            self.resource.source_line.clone()
        } else {
            None
        };
        self.findings.push(Finding {
            rule: self.rule.name,
            severity,
            resource: Some(self.resource.address()),
            location,
            message,
            objective: Some(ObjectiveSummary {
                tier: self.objective.tier.clone(),
                rpo: self.objective.rpo.map(|d| d.to_string()),
                rto: self.objective.rto.map(|d| d.to_string()),
                source: self.objective.source.to_string(),
            }),
            source_line,
        });
    }
}

/// A setting read from a body: absent (the provider default applies), known, or unknown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting<'a, T> {
    Absent,
    Known(T, Option<&'a Location>),
    Unknown(Option<&'a Location>),
    /// Present but of the wrong type (Terraform would reject it; we say so as unknown).
    Invalid(&'a Value, Option<&'a Location>),
}

impl<'a, T: Copy> Setting<'a, T> {
    /// The value, or `default` when absent; `None` when unknown or invalid.
    pub fn or_default(self, default: T) -> Option<T> {
        match self {
            Setting::Absent => Some(default),
            Setting::Known(v, _) => Some(v),
            _ => None,
        }
    }

    pub fn location(self) -> Option<&'a Location> {
        match self {
            Setting::Absent => None,
            Setting::Known(_, l) | Setting::Unknown(l) | Setting::Invalid(_, l) => l,
        }
    }
}

fn read<'a, T>(
    body: &'a Body,
    names: &[&str],
    convert: impl Fn(&'a Value) -> Option<T>,
) -> Setting<'a, T> {
    for name in names {
        if let Some(attr) = body.attr(name) {
            let value = &attr.value;
            if matches!(value, Value::Null) {
                continue;
            }
            if !value.is_known() || value.contains_unknown() {
                return Setting::Unknown(Some(&attr.location));
            }
            return match convert(value) {
                Some(v) => Setting::Known(v, Some(&attr.location)),
                None => Setting::Invalid(value, Some(&attr.location)),
            };
        }
    }
    Setting::Absent
}

/// A boolean attribute; the first of `names` that is set (azurerm 3.x and 4.x names).
pub fn bool_setting<'a>(body: &'a Body, names: &[&str]) -> Setting<'a, bool> {
    read(body, names, Value::as_bool)
}

pub fn number_setting<'a>(body: &'a Body, names: &[&str]) -> Setting<'a, f64> {
    read(body, names, Value::as_f64)
}

pub fn string_setting<'a>(body: &'a Body, names: &[&str]) -> Setting<'a, &'a str> {
    read(body, names, Value::as_str)
}

/// Minutes, hours or days as a [`Duration`], for comparisons with objectives.
pub fn minutes(n: f64) -> Duration {
    Duration::from_secs((n.max(0.0) * 60.0).round() as u64)
}

pub fn hours(n: f64) -> Duration {
    Duration::from_secs((n.max(0.0) * 3600.0).round() as u64)
}

pub fn days(n: f64) -> Duration {
    Duration::from_secs((n.max(0.0) * 86400.0).round() as u64)
}
