//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it, built on the `serde-sarif`
//! model. One run; `tool.driver.rules` lists every rule (so that code scanning can show any
//! rule's help, whether or not it fired); each result has a physical location relative to the
//! working directory (`%SRCROOT%`) and drlint's fingerprint in `partialFingerprints`.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run as SarifRun, Sarif as SarifLog, Tool, ToolComponent, SCHEMA_URL,
};

use crate::finding::Severity;
use crate::fingerprint::SARIF_FINGERPRINT_KEY;
use crate::rules::{all_infos, RuleInfo};

use super::{Render, RenderOptions};
use crate::run::{Reported, Run};

/// Where each rule's documentation lives: the rules catalog, one anchor per rule.
pub fn help_uri(rule: &str) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{rule}",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// The URI base the artifact locations are relative to: the directory drlint ran in, which in
/// CI is the repository checkout.
const SRCROOT: &str = "%SRCROOT%";

/// See the module's documentation.
pub struct Sarif;

impl Render for Sarif {
    fn render(&self, run: &Run, _options: &RenderOptions) -> String {
        render(run)
    }
}

fn render(run: &Run) -> String {
    let infos: Vec<&'static RuleInfo> = all_infos().collect();
    let rules: Vec<ReportingDescriptor> = infos.iter().map(|info| descriptor(info)).collect();
    let results: Vec<SarifResult> = run.findings().map(|r| result(&r, &infos)).collect();

    let driver = ToolComponent::builder()
        .name("drlint")
        .full_name(format!("drlint {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(env!("CARGO_PKG_REPOSITORY"))
        .rules(rules)
        .build();
    let sarif_run = SarifRun::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let log = SarifLog::builder()
        .schema(SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![sarif_run])
        .build();
    let mut out = serde_json::to_string_pretty(&log).expect("a SARIF log serialises to JSON");
    out.push('\n');
    out
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn descriptor(info: &RuleInfo) -> ReportingDescriptor {
    let explanation = info.explanation();
    let full = info
        .section("What it checks")
        .unwrap_or_else(|| info.summary.to_string());
    let mut tags = vec!["disaster-recovery".to_string()];
    if !info.requirement.label().is_empty() {
        tags.push(info.requirement.label().to_string());
    }
    ReportingDescriptor::builder()
        .id(info.name)
        .name(pascal_case(info.name))
        .short_description(
            MultiformatMessageString::builder()
                .text(info.summary)
                .build(),
        )
        .full_description(MultiformatMessageString::builder().text(full).build())
        .help(
            MultiformatMessageString::builder()
                .text(explanation.clone())
                .markdown(explanation)
                .build(),
        )
        .help_uri(help_uri(info.name))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(
                    serde_json::to_value(level(info.default_severity)).expect("a level serialises"),
                )
                .build(),
        )
        .properties(PropertyBag::builder().tags(tags).build())
        .build()
}

fn result(reported: &Reported<'_>, infos: &[&RuleInfo]) -> SarifResult {
    let f = reported.finding;
    // Code scanning places every result on a line; a finding about a whole file (one that
    // could not be read) goes on its first.
    let region = Region::builder()
        .start_line(f.location.line.max(1) as i64)
        .start_column(f.location.column.max(1) as i64)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(
            ArtifactLocation::builder()
                .uri(uri(&reported.path()))
                .uri_base_id(SRCROOT)
                .build(),
        )
        .region(region)
        .build();
    let mut properties = BTreeMap::new();
    if let Some(resource) = &f.resource {
        properties.insert("resource".to_string(), serde_json::json!(resource));
    }
    if let Some(objective) = &f.objective {
        properties.insert("objective".to_string(), serde_json::json!(objective));
    }
    let mut result = SarifResult::builder()
        .rule_id(f.rule)
        .level(level(f.severity))
        .message(Message::builder().text(f.message.clone()).build())
        .locations(vec![Location::builder()
            .physical_location(physical)
            .build()])
        .partial_fingerprints(BTreeMap::from([(
            SARIF_FINGERPRINT_KEY.to_string(),
            reported.fingerprint.to_string(),
        )]))
        .properties(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .build();
    result.rule_index = infos
        .iter()
        .position(|info| info.name == f.rule)
        .map(|i| i as i64);
    result
}

/// Bytes a relative URI reference must escape; `/` separates segments and stays.
const URI_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A relative path as a URI reference; an absolute path as a `file://` URI.
fn uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, URI_ESCAPES).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

/// `cosmosdb-backup-rpo` -> `CosmosdbBackupRpo`: SARIF's convention for `name`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_a_uri_cannot_hold() {
        assert_eq!(uri("infra/main.tf"), "infra/main.tf");
        assert_eq!(uri("my infra/a#b.tf"), "my%20infra/a%23b.tf");
        assert_eq!(uri("/abs/x.tf"), "file:///abs/x.tf");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("cosmosdb-backup-rpo"), "CosmosdbBackupRpo");
        assert_eq!(pascal_case("parse-error"), "ParseError");
    }
}
