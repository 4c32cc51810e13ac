//! The lint run: load, resolve each resource's objective, read its facts, run the rules on
//! them, apply suppressions and configuration, and fold identical verdicts of a block's
//! instances into one finding.

pub mod assignment;
mod objective;
mod policy_outputs;
mod provider_block;
pub mod suppress;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::rules::{self, builtin, Check, Rule};
use crate::sources::{self, Identities, Links, ReadContext};
use drkit_terraform::ir::{Estate, LoadIssueKind, Resource};
use drkit_terraform::{LoadError, LoadOptions, Loader, ParseStats};

use assignment::Assignment;
use objective::{ObjectiveResolver, PolicyIndex};
use policy_outputs::PolicyOutputs;
use provider_block::ProviderPacks;

/// How a run is set up, beyond the configuration file.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// `--default-tier`
    pub default_tier: Option<String>,
    pub load: LoadOptions,
    /// `--jobs`: threads for loading and checking; 0 means one per core.
    pub jobs: usize,
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub resources: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
    /// Findings left out because `--baseline` holds them.
    pub baselined: usize,
}

/// The result of one run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Every resource some rule applies to, with the objective it was judged against (`None`
    /// when it could not be determined): for summaries that list clean resources too.
    pub checked: Vec<CheckedResource>,
    /// What the load cost (parse and evaluation) and how long the rules took.
    pub timings: Timings,
}

/// Where a run's time went, for `--timings`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    pub load: drkit_terraform::LoadStats,
    /// Resolving objectives, running the rules, suppressions and folding.
    pub rules: std::time::Duration,
}

impl Report {
    /// Counts the findings by severity into the summary (after findings were added or removed).
    pub fn recount(&mut self) {
        let count = |severity| {
            self.findings
                .iter()
                .filter(|f| f.severity == severity)
                .count()
        };
        self.summary.errors = count(Severity::Error);
        self.summary.warnings = count(Severity::Warning);
        self.summary.infos = count(Severity::Info);
    }
}

/// A resource that was checked, in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedResource {
    pub address: String,
    /// The address without the instance key: what the findings of a block's instances are
    /// reported under when they all get the same verdict.
    pub block_address: String,
    pub resource_type: String,
    pub location: drkit_terraform::ir::Location,
    pub objective: Option<Assignment>,
    /// A policy (a `dr_*` block, a vault backup policy) rather than a resource holding data.
    pub is_policy: bool,
}

/// Lints paths with one set of options: loading and the rules share one pool of `jobs`
/// threads, made once for every path.
pub struct Linter {
    loader: Loader,
    options: LintOptions,
}

impl Linter {
    pub fn new(options: LintOptions) -> Linter {
        Linter {
            loader: Loader::new(options.jobs),
            options,
        }
    }

    /// Lints one path (a directory, a `.tf` file or a plan JSON file).
    pub fn lint_path(&self, path: &Path, config: &Config) -> Result<Report, LoadError> {
        let estate = self.loader.load(path, &self.options.load)?;
        let mut report = self
            .loader
            .install(|| lint_estate(&estate, config, &self.options));
        report.timings.load = estate.stats.clone();
        Ok(report)
    }

    /// How many threads load and check.
    pub fn threads(&self) -> usize {
        self.loader.threads()
    }

    /// Reads and parses what [`Linter::lint_path`] would, and nothing more: the cost of parsing
    /// alone, for `--timings`.
    pub fn parse_only(&self, path: &Path) -> Result<ParseStats, LoadError> {
        self.loader.parse_only(path)
    }
}

/// Lints one path (a directory, a `.tf` file or a plan JSON file) with a [`Linter`] of its own.
pub fn lint_path(path: &Path, config: &Config, options: &LintOptions) -> Result<Report, LoadError> {
    Linter::new(options.clone()).lint_path(path, config)
}

/// Resolves objectives over a whole estate.
fn resolver<'a>(
    estate: &'a Estate,
    identities: &Identities,
    config: &'a Config,
    options: &'a LintOptions,
) -> ObjectiveResolver<'a> {
    ObjectiveResolver {
        config,
        policies: PolicyIndex::build(&estate.resources, identities),
        cli_default_tier: options.default_tier.as_deref(),
        provider_packs: ProviderPacks::load(&estate.resources, &config.pack),
    }
}

/// What terraform-provider-dr will plan for each `dr_*` block it would accept, as drlint
/// computes it (with the provider's model and attribute tables): the block's address and its
/// attributes, in source order. Blocks whose values are not known statically have unknown
/// attributes, and blocks the provider would reject are left out.
pub fn provider_plans(
    path: &Path,
    config: &Config,
    options: &LintOptions,
) -> Result<Vec<(String, drkit_terraform::value::Value)>, LoadError> {
    let estate = Loader::new(options.jobs).load(path, &options.load)?;
    let identities = Identities::build(&estate.resources);
    let resolver = resolver(&estate, &identities, config, options);
    let outputs = PolicyOutputs::build(&estate.resources, &resolver);
    Ok(estate
        .resources
        .iter()
        .filter_map(|resource| Some((resource.address(), outputs.of(resource)?.clone())))
        .collect())
}

/// Lints what the loader produced.
pub fn lint_estate(estate: &Estate, config: &Config, options: &LintOptions) -> Report {
    let start = std::time::Instant::now();
    let identities = Identities::build(&estate.resources);
    let resolver = resolver(estate, &identities, config, options);
    let outputs = PolicyOutputs::build(&estate.resources, &resolver);
    // What readers see: every reference to a `dr_*` block's computed attribute replaced by its
    // value, so that a resource and the resources it links to read the same settings.
    let resolved: Vec<Cow<'_, Resource>> = estate
        .resources
        .iter()
        .map(|resource| outputs.substitute(resource))
        .collect();
    let links = Links::build(
        resolved.iter().map(|resource| resource.as_ref()),
        &identities,
    );
    let active: Vec<&dyn Rule> = rules::registry()
        .filter(|r| !config.is_rule_disabled(r.info().name))
        .collect();

    let per_resource: Vec<(usize, Vec<Finding>, usize, Option<CheckedResource>)> = estate
        .resources
        .par_iter()
        .enumerate()
        .map(|(index, resource)| {
            let (findings, suppressed, checked) =
                check_resource(resource, &resolved[index], &active, &resolver, &links);
            (index, findings, suppressed, checked)
        })
        .collect();

    let checked: Vec<CheckedResource> = per_resource
        .iter()
        .filter_map(|(_, _, _, c)| c.clone())
        .collect();
    let mut suppressed = 0;
    type BlockKey = (String, Vec<String>, String, String);
    let mut by_block: BTreeMap<BlockKey, Vec<(&Resource, Vec<Finding>)>> = BTreeMap::new();
    for (index, findings, count, _) in per_resource {
        suppressed += count;
        let resource = &estate.resources[index];
        by_block
            .entry((
                resource.root_module.clone(),
                resource.module_path.clone(),
                resource.resource_type.clone(),
                resource.name.clone(),
            ))
            .or_default()
            .push((resource, findings));
    }
    let mut findings: Vec<Finding> = by_block.into_values().flat_map(fold_instances).collect();

    for issue in &estate.issues {
        let (info, severity) = match issue.kind {
            LoadIssueKind::Parse => (&builtin::PARSE_ERROR, Severity::Error),
            LoadIssueKind::Unresolved => (&builtin::UNRESOLVED, Severity::Info),
        };
        let message = match &issue.remote_module {
            Some(remote) => format!(
                "The module {} comes from the remote source \"{}\", which drlint does not download; its resources are not checked.",
                remote.address, remote.source
            ),
            None => issue.message.clone(),
        };
        findings.push(Finding {
            rule: info.name,
            severity,
            resource: None,
            location: issue.location.clone(),
            message,
            objective: None,
            source_line: None,
        });
    }

    for finding in &mut findings {
        finding.severity = config.severity_for(finding.rule, finding.severity);
    }
    findings.retain(|f| !config.is_rule_disabled(f.rule));
    findings.sort_by(|a, b| {
        (&a.location, a.rule, &a.resource, &a.message).cmp(&(
            &b.location,
            b.rule,
            &b.resource,
            &b.message,
        ))
    });
    // Two root modules calling one shared module report its resources at the same place: say
    // each thing once.
    findings.dedup_by(|a, b| {
        a.location == b.location
            && a.rule == b.rule
            && a.resource == b.resource
            && a.message == b.message
            && a.severity == b.severity
    });

    let summary = Summary {
        files: estate.stats.files_read,
        resources: estate.resources.len(),
        suppressed,
        ..Summary::default()
    };
    let timings = Timings {
        load: Default::default(),
        rules: start.elapsed(),
    };
    let mut report = Report {
        findings,
        summary,
        checked,
        timings,
    };
    report.recount();
    report
}

/// Runs every applicable rule on one resource; returns its findings, how many were suppressed,
/// and what was checked against which objective.
fn check_resource<'r>(
    resource: &Resource,
    resolved_values: &'r Resource,
    active: &[&dyn Rule],
    resolver: &ObjectiveResolver<'_>,
    links: &'r Links<'r>,
) -> (Vec<Finding>, usize, Option<CheckedResource>) {
    let Some(kind) = sources::kind_of(&resource.resource_type) else {
        return (Vec::new(), 0, None);
    };
    let applicable: Vec<&dyn Rule> = active
        .iter()
        .copied()
        .filter(|r| r.info().facts.contains(&kind))
        .collect();
    if applicable.is_empty() {
        return (Vec::new(), 0, None);
    }
    let mut findings = Vec::new();
    let resolved = resolver.resolve(resource);
    let checked = CheckedResource {
        address: resource.address(),
        block_address: resource.block_address(),
        resource_type: resource.resource_type.clone(),
        location: resource.location.clone(),
        objective: resolved.as_ref().ok().cloned(),
        is_policy: kind.is_policy(),
    };
    match resolved {
        Ok(assignment) => {
            let context = ReadContext { links };
            if let Some(reading) = sources::read(resolved_values, &context) {
                for rule in applicable {
                    let mut cx = Check::new(
                        rule.info(),
                        resource,
                        &reading,
                        &assignment.objective,
                        &assignment.source,
                        resolver.pack_for(resource),
                    );
                    rule.check(&reading.facts, &mut cx);
                    findings.extend(cx.into_findings());
                }
            }
        }
        Err(unknown) => findings.push(Finding {
            rule: builtin::UNRESOLVED.name,
            severity: Severity::Info,
            resource: Some(resource.address()),
            location: resource.location.clone(),
            message: format!(
                "the DR objective could not be determined, so nothing was checked: {}",
                unknown.reason
            ),
            objective: None,
            source_line: resource.source_line.clone(),
        }),
    }
    let (findings, suppressed) = suppress::apply(resource, findings);
    (findings, suppressed, Some(checked))
}

/// The instances of one block: when they all get the same verdict, report it once under the
/// block address; otherwise report each instance under its own address.
fn fold_instances(instances: Vec<(&Resource, Vec<Finding>)>) -> Vec<Finding> {
    let keyed = instances.iter().any(|(r, _)| r.key.is_some());
    if !keyed {
        return instances.into_iter().flat_map(|(_, f)| f).collect();
    }
    fn verdict(findings: &[Finding]) -> Vec<(&str, Severity, &str, usize)> {
        let mut v: Vec<(&str, Severity, &str, usize)> = findings
            .iter()
            .map(|f| (f.rule, f.severity, f.message.as_str(), f.location.line))
            .collect();
        v.sort();
        v
    }
    let first = verdict(&instances[0].1);
    let all_same = instances.iter().all(|(_, f)| verdict(f) == first);
    if all_same {
        let (resource, findings) = instances
            .into_iter()
            .next()
            .expect("a block has at least one instance");
        let block = resource.block_address();
        findings
            .into_iter()
            .map(|f| Finding {
                resource: Some(block.clone()),
                ..f
            })
            .collect()
    } else {
        instances.into_iter().flat_map(|(_, f)| f).collect()
    }
}

/// How many findings of each rule a report holds, for summaries.
pub fn count_by_rule(findings: &[Finding]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for f in findings {
        *counts.entry(f.rule).or_insert(0) += 1;
    }
    counts
}
