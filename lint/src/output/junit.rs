//! `--format junit`: JUnit XML as CI dashboards (GitLab, Jenkins, Azure Pipelines) read it.
//!
//! One `testsuite` per file, one `testcase` per checked resource (classname: the file, name: the
//! resource address). A finding at or above `--fail-on` makes its resource's testcase a
//! `failure` carrying the messages; findings below it go to the testcase's `system-out`, so the
//! dashboard fails exactly when the exit code does. Findings about no resource (a parse error)
//! get a testcase named after their rule.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::BytesText;
use quick_xml::Writer;

use crate::finding::{Finding, Severity};

use super::{Render, RenderOptions};
use crate::run::Run;

/// One testcase: a resource, or a rule's findings about no resource.
#[derive(Default)]
struct Case<'a> {
    line: usize,
    findings: Vec<&'a Finding>,
}

/// See the module's documentation.
pub struct Junit;

impl Render for Junit {
    fn render(&self, run: &Run, options: &RenderOptions) -> String {
        render(run, options.fail_on)
    }
}

fn render(run: &Run, fail_on: Option<Severity>) -> String {
    // file -> testcase name -> case; BTreeMaps keep the output stable.
    let mut suites: BTreeMap<String, BTreeMap<String, Case<'_>>> = BTreeMap::new();
    // (file, block address) -> the instances checked there, for findings folded under a block.
    let mut instances: HashMap<(String, &str), Vec<&str>> = HashMap::new();
    for (root, report) in run.reports() {
        for checked in &report.checked {
            let file = root.display(&checked.location.file);
            instances
                .entry((file.clone(), checked.block_address.as_str()))
                .or_default()
                .push(&checked.address);
            let case = suites
                .entry(file)
                .or_default()
                .entry(checked.address.clone())
                .or_default();
            case.line = checked.location.line;
        }
    }
    for reported in run.findings() {
        let f = reported.finding;
        let path = reported.path();
        let cases = suites.entry(path.clone()).or_default();
        // A finding folded under a block address belongs to each of the block's instances.
        let folded = match &f.resource {
            Some(resource) if !cases.contains_key(resource) => {
                instances.get(&(path, resource.as_str()))
            }
            _ => None,
        };
        let names: Vec<String> = match folded {
            Some(addresses) => addresses.iter().map(|a| a.to_string()).collect(),
            None => vec![f.resource.clone().unwrap_or_else(|| f.rule.to_string())],
        };
        for name in names {
            let case = cases.entry(name).or_default();
            if case.line == 0 {
                case.line = f.location.line;
            }
            case.findings.push(f);
        }
    }

    let failing = |f: &Finding| fail_on.is_some_and(|t| f.severity >= t);
    let total_tests: usize = suites.values().map(BTreeMap::len).sum();
    let total_failures: usize = suites
        .values()
        .flat_map(BTreeMap::values)
        .filter(|c| c.findings.iter().any(|f| failing(f)))
        .count();

    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = writer
        .create_element("testsuites")
        .with_attribute(("name", "drlint"))
        .with_attribute(("tests", total_tests.to_string().as_str()))
        .with_attribute(("failures", total_failures.to_string().as_str()))
        .with_attribute(("errors", "0"))
        .write_inner_content(|w| {
            for (file, cases) in &suites {
                let failures = cases
                    .values()
                    .filter(|c| c.findings.iter().any(|f| failing(f)))
                    .count();
                w.create_element("testsuite")
                    .with_attribute(("name", file.as_str()))
                    .with_attribute(("tests", cases.len().to_string().as_str()))
                    .with_attribute(("failures", failures.to_string().as_str()))
                    .with_attribute(("errors", "0"))
                    .with_attribute(("skipped", "0"))
                    .write_inner_content(|w| {
                        for (name, case) in cases {
                            write_case(w, file, name, case, &failing)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        });
    written.expect("writing XML to memory cannot fail");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&String::from_utf8(writer.into_inner()).expect("the XML writer writes UTF-8"));
    out.push('\n');
    out
}

fn write_case(
    w: &mut Writer<Vec<u8>>,
    file: &str,
    name: &str,
    case: &Case<'_>,
    failing: &dyn Fn(&Finding) -> bool,
) -> std::io::Result<()> {
    let element = w
        .create_element("testcase")
        .with_attribute(("classname", file))
        .with_attribute(("name", name))
        .with_attribute(("file", file))
        .with_attribute(("line", case.line.to_string().as_str()));
    if case.findings.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    let line_of = |f: &Finding| {
        format!(
            "{}[{}] {file}:{}:{}: {}",
            f.severity, f.rule, f.location.line, f.location.column, f.message
        )
    };
    let (failures, others): (Vec<&Finding>, Vec<&Finding>) =
        case.findings.iter().copied().partition(|f| failing(f));
    element.write_inner_content(|w| {
        if let Some(first) = failures.first() {
            let text: Vec<String> = failures.iter().map(|f| line_of(f)).collect();
            w.create_element("failure")
                .with_attribute(("message", first.message.as_str()))
                .with_attribute(("type", first.rule))
                .write_text_content(BytesText::new(&text.join("\n")))?;
        }
        if !others.is_empty() {
            let text: Vec<String> = others.iter().map(|f| line_of(f)).collect();
            w.create_element("system-out")
                .write_text_content(BytesText::new(&text.join("\n")))?;
        }
        Ok(())
    })?;
    Ok(())
}
