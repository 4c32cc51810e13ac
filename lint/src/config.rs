//! The project configuration file `.drlint.hcl`: the policy pack syntax (`default_tier`,
//! `tier`, `environments`) plus path rules and rule settings. [`init_template`] is a commented
//! example of every setting.
//!
//! ```hcl
//! default_tier = "production"
//! tier "payments" { rpo = "5m" rto = "30m" }
//! environments = { live = "production" }
//! path "modules/legacy/**" { tier = "development" }
//! rules {
//!   disable  = ["RULE"]
//!   severity = { RULE = "warning" }
//! }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use globset::{GlobBuilder, GlobMatcher};
use hcl_edit::structure::{Block, Structure};
use hcl_edit::Span;

use drkit_model::hcl_source::{read_file, MapEntry, SourceDoc, SourceError};
use drkit_model::policy::{read_pack_document, PolicyPack, TierReference};
use drkit_model::Severity;

/// Errors in `.drlint.hcl` carry `file:line:column`.
pub type ConfigError = SourceError;

/// The file drlint looks for at the root of the scanned path.
pub const CONFIG_FILE_NAME: &str = ".drlint.hcl";

const CONFIG_ATTRIBUTES: [&str; 2] = ["default_tier", "environments"];
const CONFIG_BLOCKS: [&str; 3] = ["tier", "path", "rules"];

/// A path rule: files matching `pattern` (relative to the scanned root) get `tier`.
#[derive(Debug, Clone)]
pub struct PathRule {
    pub pattern: String,
    pub matcher: GlobMatcher,
    pub tier: String,
}

impl PathRule {
    /// Whether the rule applies to `relative_path` or to any folder above it.
    pub fn matches(&self, relative_path: &str) -> bool {
        let path = clean_relative_path(relative_path);
        if self.matcher.is_match(path.as_str()) {
            return true;
        }
        path.match_indices('/')
            .any(|(index, _)| self.matcher.is_match(&path[..index]))
    }
}

/// The project configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The built-in pack merged with the file's tiers, environments and default tier.
    pub pack: PolicyPack,
    /// The file's own `default_tier` (the pack's default also reflects it).
    pub default_tier: Option<String>,
    /// In file order; the first match wins.
    pub path_rules: Vec<PathRule>,
    /// Rule names as written; checking that they exist is the rule registry's job.
    pub disabled_rules: Vec<String>,
    pub severity_overrides: BTreeMap<String, Severity>,
    /// The file this came from, if any.
    pub file: Option<String>,
}

impl Config {
    /// The configuration when there is no file: the built-in pack, no rules.
    pub fn builtin() -> Config {
        Config {
            pack: PolicyPack::builtin(),
            default_tier: None,
            path_rules: Vec::new(),
            disabled_rules: Vec::new(),
            severity_overrides: BTreeMap::new(),
            file: None,
        }
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let src = read_file(path)?;
        Config::parse(&src, &path.display().to_string())
    }

    /// `root/.drlint.hcl` when it exists, else [`Config::builtin`].
    pub fn discover(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE_NAME);
        if path.is_file() {
            Config::load(&path)
        } else {
            Ok(Config::builtin())
        }
    }

    pub fn parse(src: &str, file_name: &str) -> Result<Config, ConfigError> {
        let doc = SourceDoc::new(src, file_name);
        let body = doc.parse_body()?;
        doc.check_keys(&body, CONFIG_FILE_NAME, &CONFIG_ATTRIBUTES, &CONFIG_BLOCKS)?;
        let document = read_pack_document(&doc, &body)?;
        let default_tier = document.pack.default_tier.clone();
        let mut references = document.references;
        let mut pack = PolicyPack::builtin();
        pack.merge(document.pack);

        let mut config = Config {
            pack,
            default_tier,
            path_rules: Vec::new(),
            disabled_rules: Vec::new(),
            severity_overrides: BTreeMap::new(),
            file: Some(file_name.to_string()),
        };
        let mut rules_seen = false;
        for structure in body.iter() {
            let Structure::Block(block) = structure else {
                continue;
            };
            match block.ident.as_str() {
                "path" => {
                    let (rule, reference) = read_path_rule(&doc, block)?;
                    config.path_rules.push(rule);
                    references.push(reference);
                }
                "rules" => {
                    if rules_seen {
                        return Err(doc.error(
                            block.span(),
                            "the rules block appears twice; merge them into one",
                        ));
                    }
                    rules_seen = true;
                    read_rules_block(&doc, block, &mut config)?;
                }
                _ => {}
            }
        }
        config.pack.check_references(&doc, &references)?;
        Ok(config)
    }

    /// The first path rule that matches `relative_path` (`/` or `\` separated, relative to
    /// the scanned root).
    pub fn path_rule_for(&self, relative_path: &str) -> Option<&PathRule> {
        self.path_rules
            .iter()
            .find(|rule| rule.matches(relative_path))
    }

    /// The tier the first matching path rule gives `relative_path`.
    pub fn tier_for_path(&self, relative_path: &str) -> Option<&str> {
        self.path_rule_for(relative_path)
            .map(|rule| rule.tier.as_str())
    }

    pub fn is_rule_disabled(&self, rule: &str) -> bool {
        self.disabled_rules.iter().any(|disabled| disabled == rule)
    }

    /// The severity a finding of `rule` is reported at.
    pub fn severity_for(&self, rule: &str, default: Severity) -> Severity {
        self.severity_overrides
            .get(rule)
            .copied()
            .unwrap_or(default)
    }
}

/// A commented example `.drlint.hcl` showing every setting (what `drlint init` writes).
pub fn init_template() -> &'static str {
    include_str!("init_template.hcl")
}

fn read_path_rule(
    doc: &SourceDoc<'_>,
    block: &Block,
) -> Result<(PathRule, TierReference), ConfigError> {
    let pattern = doc.single_label(block, "path pattern")?;
    let label_span = block.labels.first().and_then(|label| label.span());
    let glob = GlobBuilder::new(clean_relative_path(&pattern).as_str())
        .literal_separator(true)
        .build()
        .map_err(|error| {
            doc.error(
                label_span.clone(),
                format!(
                    "the path pattern \"{pattern}\" is not a valid glob: {}",
                    error.kind()
                ),
            )
        })?;
    let context = format!("path \"{pattern}\"");
    doc.check_keys(&block.body, &context, &["tier"], &[])?;
    let Some(attribute) = block.body.get_attribute("tier") else {
        return Err(doc.error(
            block.span(),
            format!(
                "{context} needs a tier, as in path \"{pattern}\" {{ tier = \"development\" }}"
            ),
        ));
    };
    let tier = doc.string(attribute)?;
    let reference = TierReference {
        name: tier.clone(),
        span: attribute.value.span(),
        place: format!("{context} tier"),
    };
    let rule = PathRule {
        pattern,
        matcher: glob.compile_matcher(),
        tier,
    };
    Ok((rule, reference))
}

fn read_rules_block(
    doc: &SourceDoc<'_>,
    block: &Block,
    config: &mut Config,
) -> Result<(), ConfigError> {
    doc.no_labels(block)?;
    doc.check_keys(
        &block.body,
        "the rules block",
        &["disable", "severity"],
        &[],
    )?;
    if let Some(attribute) = block.body.get_attribute("disable") {
        let names = doc.string_list(attribute)?;
        if let hcl_edit::expr::Expression::Array(items) = &attribute.value {
            for (name, item) in names.iter().zip(items.iter()) {
                check_rule_name(doc, name, item.span())?;
            }
        }
        config.disabled_rules = names;
    }
    if let Some(attribute) = block.body.get_attribute("severity") {
        for MapEntry {
            key: rule,
            value: level,
            span,
        } in doc.string_map(attribute)?
        {
            check_rule_name(doc, &rule, span.clone())?;
            let Some(severity) = Severity::parse(level.trim()) else {
                return Err(doc.error(
                    span,
                    format!(
                        "severity.{rule} is \"{level}\"; use \"error\", \"warning\" or \"info\""
                    ),
                ));
            };
            config.severity_overrides.insert(rule, severity);
        }
    }
    Ok(())
}

/// A rule name in the rules block must name a rule: a typo would silently do nothing.
fn check_rule_name(
    doc: &SourceDoc<'_>,
    name: &str,
    span: Option<std::ops::Range<usize>>,
) -> Result<(), ConfigError> {
    if crate::rules::find(name).is_some() {
        return Ok(());
    }
    let nearest = crate::rules::all_infos()
        .map(|info| (strsim::levenshtein(name, info.name), info.name))
        .min()
        .filter(|(distance, _)| *distance <= 3 + name.len() / 4)
        .map(|(_, nearest)| format!("did you mean \"{nearest}\"? "))
        .unwrap_or_default();
    Err(doc.error(
        span,
        format!("\"{name}\" is not a rule; {nearest}`drlint rules` lists them"),
    ))
}

/// `./a\b/` -> `a/b`: the form path rules and their patterns are compared in.
fn clean_relative_path(path: &str) -> String {
    let forward = path.trim().replace('\\', "/");
    let mut rest = forward.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use drkit_model::duration::Duration;

    #[test]
    fn init_template_parses_and_shows_every_setting() {
        let config =
            Config::parse(init_template(), CONFIG_FILE_NAME).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.default_tier.as_deref(), Some("production"));
        assert_eq!(
            config.pack.tier("payments").unwrap().rpo,
            Some(Duration::from_minutes(5))
        );
        assert_eq!(
            config.pack.tier_for_environment("LIVE").unwrap().name,
            "production"
        );
        assert_eq!(
            config.tier_for_path("modules/legacy/db/main.tf"),
            Some("development")
        );
        assert_eq!(config.tier_for_path("payments/main.tf"), Some("payments"));
        assert_eq!(config.tier_for_path("main.tf"), None);
        for keyword in [
            "default_tier",
            "tier \"",
            "environments",
            "path \"",
            "rules",
            "disable",
            "severity",
        ] {
            assert!(init_template().contains(keyword), "{keyword}");
        }
    }

    #[test]
    fn builtin_config_has_the_builtin_pack_and_nothing_else() {
        let config = Config::builtin();
        assert_eq!(config.pack, PolicyPack::builtin());
        assert!(
            config.default_tier.is_none() && config.path_rules.is_empty() && config.file.is_none()
        );
        assert_eq!(config.severity_for("any", Severity::Error), Severity::Error);
    }

    #[test]
    fn reads_a_full_config() {
        let src = r#"
default_tier = "staging"
tier "gold" {
  rpo = "5m"
}
environments = { live = "gold" }
path "./modules/legacy/**" {
  tier = "development"
}
path "modules/*.tf" {
  tier = "archive"
}
path "shared" {
  tier = "gold"
}
path "modules/**" {
  tier = "critical"
}
rules {
  disable  = ["redis-persistence-rpo", "container-registry-geo-replication"]
  severity = { key-vault-purge-protection = "warning", "cosmosdb-backup-rpo" = "INFO" }
}
"#;
        let config = Config::parse(src, "proj/.drlint.hcl").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.file.as_deref(), Some("proj/.drlint.hcl"));
        assert_eq!(config.default_tier.as_deref(), Some("staging"));
        assert_eq!(config.pack.default_tier().unwrap().name, "staging");
        assert_eq!(config.pack.tier_names().len(), 7);
        let cases = [
            ("modules/legacy/main.tf", Some("development")),
            ("./modules/legacy/deep/er/x.tf", Some("development")),
            ("modules\\legacy\\x.tf", Some("development")),
            ("modules/app.tf", Some("archive")),
            ("modules/app/main.tf", Some("critical")),
            ("shared/main.tf", Some("gold")),
            ("shared", Some("gold")),
            ("sharedx/main.tf", None),
            ("main.tf", None),
        ];
        for (path, tier) in cases {
            assert_eq!(config.tier_for_path(path), tier, "{path}");
        }
        assert!(config.is_rule_disabled("redis-persistence-rpo"));
        assert!(!config.is_rule_disabled("cosmosdb-backup-rpo"));
        assert_eq!(
            config.severity_for("key-vault-purge-protection", Severity::Error),
            Severity::Warning
        );
        assert_eq!(
            config.severity_for("cosmosdb-backup-rpo", Severity::Error),
            Severity::Info
        );
    }

    #[test]
    fn rejects_bad_configs_with_locations() {
        let cases: &[(&str, &str)] = &[
            ("colour = \"red\"\n", "c.hcl:1:1: unknown argument \"colour\" in .drlint.hcl"),
            ("default_tier = \"gold\"\n", "c.hcl:1:16: default_tier names an unknown tier \"gold\"; known tiers: critical, production, staging, development, archive, stateless"),
            ("path \"x/**\" {\n  tier = \"gold\"\n}\n", "c.hcl:2:10: path \"x/**\" tier names an unknown tier \"gold\"; known tiers: critical,"),
            ("path \"x/**\" {\n}\n", "c.hcl:1:1: path \"x/**\" needs a tier"),
            ("path \"x/**\" {\n  tier = \"staging\"\n  owner = \"me\"\n}\n", "c.hcl:3:3: unknown argument \"owner\" in path \"x/**\""),
            ("path \"x/[\" {\n  tier = \"staging\"\n}\n", "c.hcl:1:6: the path pattern \"x/[\" is not a valid glob"),
            ("environments = { live = \"gold\" }\n", "c.hcl:1:18: environments.live names an unknown tier \"gold\""),
            ("rules {\n  ignore = []\n}\n", "c.hcl:2:3: unknown argument \"ignore\" in the rules block"),
            ("rules {\n  severity = { parse-error = \"fatal\" }\n}\n", "c.hcl:2:16: severity.parse-error is \"fatal\"; use \"error\", \"warning\" or \"info\""),
            ("rules {\n  disable = [\"parse-error\", \"redis-persistance-rpo\"]\n}\n", "c.hcl:2:29: \"redis-persistance-rpo\" is not a rule; did you mean \"redis-persistence-rpo\"? `drlint rules` lists them"),
            ("rules {\n  severity = { colour = \"info\" }\n}\n", "c.hcl:2:16: \"colour\" is not a rule; `drlint rules` lists them"),
            ("rules {\n  disable = \"a\"\n}\n", "c.hcl:2:13: disable must be a list of strings"),
            ("rules \"x\" {\n}\n", "c.hcl:1:1: a rules block takes no labels"),
            ("rules {\n}\nrules {\n}\n", "c.hcl:3:1: the rules block appears twice"),
            ("tier \"gold\" {\n  rpo = \"fast\"\n}\n", "c.hcl:2:9: rpo: \"fast\" is not a duration"),
            ("policy {\n}\n", "c.hcl:1:1: unknown block \"policy\" in .drlint.hcl"),
        ];
        for (src, expected) in cases {
            let error = Config::parse(src, "c.hcl").expect_err(src).to_string();
            assert!(error.starts_with(expected), "{src}: {error}");
        }
    }

    #[test]
    fn loads_and_discovers_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Config::discover(dir.path()).unwrap().file.is_none());
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&path, "default_tier = \"archive\"\n").unwrap();
        let config = Config::discover(dir.path()).unwrap();
        assert_eq!(config.default_tier.as_deref(), Some("archive"));
        assert_eq!(config.file, Some(path.display().to_string()));
        std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        let error = Config::load(&path).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!("cannot read {}", path.display())),
            "{error}"
        );
    }
}
