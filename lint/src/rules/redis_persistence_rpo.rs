use super::check::{bool_setting, minutes, number_setting, Setting};
use super::{Check, Rule, RuleInfo};

declare_rule! {
    /// ## What it checks
    /// An `azurerm_redis_cache` meets an RPO only with persistence configured in its
    /// `redis_configuration` block: `aof_backup_enabled = true` (append-only file, continuous)
    /// or `rdb_backup_enabled = true` with `rdb_backup_frequency` (15, 30, 60, 360, 720 or 1440
    /// minutes) no longer than the RPO. Without either, a restart or outage loses everything
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#rdb_backup_frequency>).
    /// Persistence is a Premium SKU feature.
    ///
    /// ## Why it matters for recovery
    /// A Redis cache holding sessions or queues is state. With no persistence its RPO is
    /// "everything since it started"; with a daily RDB snapshot, a day.
    ///
    /// ## How to fix
    /// Enable AOF, or RDB snapshots at least as frequent as the RPO; or, if the cache only holds
    /// data rebuilt from elsewhere, give it the `stateless` tier (`tags = { dr_tier = "stateless" }`):
    ///
    /// ```hcl
    /// redis_configuration {
    ///   rdb_backup_enabled            = true
    ///   rdb_backup_frequency          = 60
    ///   rdb_storage_connection_string = azurerm_storage_account.backup.primary_blob_connection_string
    /// }
    /// ```
    pub struct RedisPersistenceRpo {
        name: "redis-persistence-rpo",
        summary: "Redis persistence (AOF, or RDB at least as frequent as the RPO) must meet the RPO.",
        resource_types: ["azurerm_redis_cache"],
        requirement: Rpo,
    }
}

use drkit_model::capabilities::redis::RDB_BACKUP_FREQUENCIES_MINUTES;

impl Rule for RedisPersistenceRpo {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let Some(rpo) = cx.objective.rpo else { return };
        let config = cx.body().block("redis_configuration");
        let header = config.map(|c| &c.location);
        let (aof, rdb) = match config {
            None => (Setting::Absent, Setting::Absent),
            Some(c) => (bool_setting(&c.body, &["aof_backup_enabled"]), bool_setting(&c.body, &["rdb_backup_enabled"])),
        };
        if matches!(aof, Setting::Known(true, _)) {
            return;
        }
        let rdb_minutes = RDB_BACKUP_FREQUENCIES_MINUTES.iter().copied().filter(|m| minutes(*m as f64) <= rpo).max();
        let fix = match rdb_minutes {
            Some(m) => format!("set redis_configuration {{ aof_backup_enabled = true }} or rdb_backup_enabled = true with rdb_backup_frequency = {m}"),
            None => "set redis_configuration { aof_backup_enabled = true } (no RDB frequency is short enough)".to_string(),
        };
        match rdb {
            Setting::Known(true, at) => {
                let body = &config.expect("rdb setting comes from redis_configuration").body;
                let frequency = number_setting(body, &["rdb_backup_frequency"]);
                let at = frequency.location().or(at);
                match frequency {
                    Setting::Known(f, _) => {
                        if minutes(f) > rpo {
                            let message = format!(
                                "Redis RDB snapshots every {} min cannot meet the {rpo} RPO of the {}; {fix}",
                                drkit_terraform::value::format_number(f),
                                cx.objective_source()
                            );
                            cx.violation(at, message);
                        }
                    }
                    Setting::Absent => {
                        let message = format!(
                            "rdb_backup_enabled = true without rdb_backup_frequency: the snapshot interval is not stated, so the {rpo} RPO of the {} is not shown to be met; {fix}",
                            cx.objective_source()
                        );
                        cx.warning(at, message);
                    }
                    _ => cx.unknown(at, "RPO", "redis_configuration.rdb_backup_frequency"),
                }
            }
            Setting::Unknown(at) | Setting::Invalid(_, at) => cx.unknown(at, "RPO", "redis_configuration.rdb_backup_enabled"),
            Setting::Absent | Setting::Known(false, _) => {
                if let Setting::Unknown(at) | Setting::Invalid(_, at) = aof {
                    return cx.unknown(at, "RPO", "redis_configuration.aof_backup_enabled");
                }
                let at = aof.location().or(rdb.location()).or(header);
                let message = format!(
                    "Redis has no persistence (neither aof_backup_enabled nor rdb_backup_enabled), so a restart or outage loses all its data and no RPO can be met, yet the {} requires a {rpo} RPO; {fix}, or tag it dr_tier = \"stateless\" if it holds nothing that cannot be rebuilt",
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "redis-persistence-rpo";

    #[test]
    fn no_persistence_fails() {
        let f = lint_hcl(r#"resource "azurerm_redis_cache" "r" { sku_name = "Premium" }"#);
        assert_error(&f, RULE, "azurerm_redis_cache.r", &["no persistence", "RPO", "rdb_backup_frequency = 60"]);
    }

    #[test]
    fn aof_passes_critical() {
        let f = lint_hcl(r#"resource "azurerm_redis_cache" "r" {
  redis_configuration { aof_backup_enabled = true }
  tags = { dr_tier = "critical" }
}"#);
        assert_clean(&f, RULE);
    }

    #[test]
    fn rdb_frequency_against_rpo() {
        let src = r#"resource "azurerm_redis_cache" "r" {
  redis_configuration {
    rdb_backup_enabled   = true
    rdb_backup_frequency = FREQ
  }
}"#;
        assert_clean(&lint_hcl(&src.replace("FREQ", "60")), RULE);
        assert_error(&lint_hcl(&src.replace("FREQ", "360")), RULE, "azurerm_redis_cache.r", &["every 360 min", "1h RPO"]);
    }

    #[test]
    fn stateless_tier_is_not_checked() {
        assert_clean(&lint_hcl(r#"resource "azurerm_redis_cache" "r" { tags = { dr_tier = "stateless" } }"#), RULE);
    }

    #[test]
    fn frequency_through_module_argument() {
        let files = [
            ("main.tf", "module \"cache\" {\n  source = \"./cache\"\n  frequency = 1440\n}"),
            ("cache/main.tf", "variable \"frequency\" { default = 15 }\nresource \"azurerm_redis_cache\" \"this\" {\n  redis_configuration {\n    rdb_backup_enabled = true\n    rdb_backup_frequency = var.frequency\n  }\n}"),
        ];
        assert_error(&lint_files(&files), RULE, "module.cache.azurerm_redis_cache.this", &["every 1440 min"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_redis_cache.r", "azurerm_redis_cache", "r", r#"{"redis_configuration": [{"aof_backup_enabled": false, "rdb_backup_enabled": true, "rdb_backup_frequency": 30}]}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
