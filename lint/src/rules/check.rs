//! What a rule sees while it judges one resource, and how it reports: the objective, the pack
//! in force, and findings placed at the facts' anchors.

use std::fmt;

use drkit_model::facts::{Anchor, PolicyBlock};
use drkit_model::{Objective, PolicyPack, Problem};
use drkit_terraform::ir::Resource;

use super::RuleInfo;
use crate::finding::{Finding, ObjectiveSummary, Severity};
use crate::sources::Reading;

/// One rule judging one resource.
pub struct Check<'a> {
    pub objective: &'a Objective,
    /// What assigned the objective, as messages and the JSON `objective.source` say it.
    source: &'a dyn fmt::Display,
    resource: &'a Resource,
    reading: &'a Reading<'a>,
    pack: &'a PolicyPack,
    rule: &'static RuleInfo,
    findings: Vec<Finding>,
}

impl<'a> Check<'a> {
    pub fn new(
        rule: &'static RuleInfo,
        resource: &'a Resource,
        reading: &'a Reading<'a>,
        objective: &'a Objective,
        source: &'a dyn fmt::Display,
        pack: &'a PolicyPack,
    ) -> Self {
        Check {
            objective,
            source,
            resource,
            reading,
            pack,
            rule,
            findings: Vec::new(),
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The policy pack the resource is judged with.
    pub fn pack(&self) -> &'a PolicyPack {
        self.pack
    }

    /// The address of the resource being judged, for messages whose finding sits on another
    /// resource (the policy or vault that protects it).
    pub fn address(&self) -> String {
        self.resource.address()
    }

    /// `production tier (tag environment = "prod")`: how messages name the objective.
    pub fn objective_source(&self) -> String {
        format!("{} tier ({})", self.objective.tier, self.source)
    }

    /// A number as Terraform writes it (`7`, `7.5`).
    pub fn number(&self, n: f64) -> String {
        drkit_terraform::value::format_number(n)
    }

    /// A tier requirement that the configuration does not meet.
    pub fn violation(&mut self, at: Anchor, message: String) {
        self.report(Severity::Error, at, message);
    }

    /// Advice that is not a tier requirement.
    pub fn warning(&mut self, at: Anchor, message: String) {
        self.report(Severity::Warning, at, message);
    }

    /// A note: something worth knowing that is neither a violation nor advice against the
    /// tier (a backup made by a tool drlint cannot see, a hardening the tier does not require).
    pub fn note(&mut self, at: Anchor, message: String) {
        self.report(Severity::Info, at, message);
    }

    /// Something that could not be checked, e.g. a value only known at apply time.
    pub fn unknown(&mut self, at: Anchor, requirement: &str, what: &str) {
        self.report(
            Severity::Info,
            at,
            format!("{requirement} could not be checked: {what} is not known statically; lint a plan JSON to check it"),
        );
    }

    /// The model's problems with a `dr_*` block, each at the argument it is about: the same
    /// problems terraform-provider-dr reports as diagnostics at plan time.
    pub fn problems<Input>(&mut self, block: &PolicyBlock<Input>, problems: Vec<Problem>) {
        for problem in problems {
            let at = block.at(problem.attribute);
            match problem.severity {
                Severity::Error => self.violation(at, problem.message),
                Severity::Warning => self.warning(at, problem.message),
                Severity::Info => self.report(Severity::Info, at, problem.message),
            }
        }
    }

    fn report(&mut self, severity: Severity, at: Anchor, message: String) {
        let location = self.reading.location(at).clone();
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
                source: self.source.to_string(),
            }),
            source_line,
        });
    }
}
