//! The `redis-persistence-rpo` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::redis::RDB_BACKUP_FREQUENCIES_MINUTES;
use drkit_model::facts::{Observed, Unit};

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
        facts: [Redis],
        requirement: Rpo,
    }
}

impl Rule for RedisPersistenceRpo {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::Redis(cache) = facts else { return };
        let Some(rpo) = cx.objective.rpo else { return };
        let aof = &cache.aof_backup_enabled;
        let rdb = &cache.rdb_backup_enabled;
        if aof.known() == Some(&true) {
            return;
        }
        let rdb_minutes = RDB_BACKUP_FREQUENCIES_MINUTES
            .iter()
            .copied()
            .filter(|m| Unit::Minutes.duration(*m as f64) <= rpo)
            .max();
        let frequency = &cache.rdb_backup_frequency_minutes;
        let enable_aof = cache.phrases.enable_aof;
        let fix = match rdb_minutes {
            Some(m) => format!(
                "set {enable_aof} or {} = true with {} = {m}",
                rdb.leaf(),
                frequency.leaf()
            ),
            None => format!("set {enable_aof} (no RDB frequency is short enough)"),
        };
        match rdb.observed {
            Observed::Known(true) => {
                let at = if frequency.is_written() { frequency.at } else { rdb.at };
                match frequency.observed {
                    Observed::Known(f) => {
                        if Unit::Minutes.duration(f) > rpo {
                            let message = format!(
                                "Redis RDB snapshots every {} min cannot meet the {rpo} RPO of the {}; {fix}",
                                cx.number(f),
                                cx.objective_source()
                            );
                            cx.violation(at, message);
                        }
                    }
                    Observed::Absent | Observed::Default(_) => {
                        let message = format!(
                            "{} = true without {}: the snapshot interval is not stated, so the {rpo} RPO of the {} is not shown to be met; {fix}",
                            rdb.leaf(),
                            frequency.leaf(),
                            cx.objective_source()
                        );
                        cx.warning(at, message);
                    }
                    Observed::Unknown | Observed::Invalid => {
                        cx.unknown(at, "RPO", frequency.setting)
                    }
                }
            }
            Observed::Unknown | Observed::Invalid => cx.unknown(rdb.at, "RPO", rdb.setting),
            Observed::Known(false) | Observed::Default(_) | Observed::Absent => {
                if aof.is_unknown() {
                    return cx.unknown(aof.at, "RPO", aof.setting);
                }
                let at = if aof.is_written() { aof.at } else { rdb.at };
                let message = format!(
                    "Redis has no persistence (neither {} nor {}), so a restart or outage loses all its data and no RPO can be met, yet the {} requires a {rpo} RPO; {fix}, or tag it dr_tier = \"stateless\" if it holds nothing that cannot be rebuilt",
                    aof.leaf(),
                    rdb.leaf(),
                    cx.objective_source()
                );
                cx.violation(at, message);
            }
        }
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "redis-persistence-rpo",
    address: "azurerm_redis_cache.r",
    pass: "60",
    fail: "360",
    hcl: || {
        "resource \"azurerm_redis_cache\" \"r\" {\n  redis_configuration {\n    rdb_backup_enabled   = true\n    rdb_backup_frequency = $V\n  }\n}\n".into()
    },
    dynamic: Some(|| {
        "resource \"azurerm_redis_cache\" \"r\" {\n  dynamic \"redis_configuration\" {\n    for_each = [$V]\n    content {\n      rdb_backup_enabled   = true\n      rdb_backup_frequency = redis_configuration.value\n    }\n  }\n}\n".into()
    }),
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_redis_cache",
            "r",
            &format!(
                r#"{{"redis_configuration": [{{"rdb_backup_enabled": true, "rdb_backup_frequency": {v}}}]}}"#
            ),
        )
    },
};

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
