//! `dr_backup_policy`: a backup policy (RPO, RTO, retention, geo-redundancy, backup period)
//! checked against its tier at plan time, with the settings each Azure service needs to meet it
//! in the computed `azure` object. Validation and every computed value come from
//! [`drlint::model::evaluate_backup_policy`], the same code drlint uses.
//!
//! Stored values: arguments keep the text the configuration gives (Terraform 1.0 requires a
//! configured value to be planned exactly as written). Respelling an argument to an equal value
//! (`60m` -> `1h`) keeps the stored text, so it is not a change. Values the provider fills in
//! (tier defaults, `effective_interval`) are normalised (`90m` -> `1h30m`).

use std::sync::OnceLock;

use drlint::model::{evaluate_backup_policy, AzureSettings, BackupPolicyEvaluation, BackupPolicyInput};

use super::{
    imported_state, problems_to_diagnostics, same_tier, tier_context, validation_context,
    ManagedResource,
};
use crate::cty::{Type, Value};
use crate::fields::{
    bool_field, count_value, duration_value, field_value, plan_optional_computed, same_duration,
    string_field,
};
use crate::provider::ProviderContext;
use crate::tfprotocol::{Attribute, AttributeMode, Diagnostics, Schema};

pub const TYPE_NAME: &str = "dr_backup_policy";

pub struct BackupPolicyResource {
    schema: Schema,
}

impl Default for BackupPolicyResource {
    fn default() -> BackupPolicyResource {
        BackupPolicyResource { schema: schema() }
    }
}

/// The attributes of the computed `azure` object.
pub fn azure_type() -> Type {
    Type::object([
        ("cosmosdb_backup_type", Type::String),
        ("cosmosdb_interval_in_minutes", Type::Number),
        ("cosmosdb_retention_in_hours", Type::Number),
        ("cosmosdb_storage_redundancy", Type::String),
        ("redis_rdb_backup_frequency", Type::Number),
        ("postgresql_backup_retention_days", Type::Number),
        ("postgresql_geo_redundant_backup_enabled", Type::Bool),
        ("mysql_backup_retention_days", Type::Number),
        ("mssql_short_term_retention_days", Type::Number),
        ("key_vault_soft_delete_retention_days", Type::Number),
        ("key_vault_purge_protection_enabled", Type::Bool),
        ("storage_account_replication_type", Type::String),
    ])
}

pub fn schema() -> Schema {
    use AttributeMode::{Computed, Optional, OptionalComputed, Required};
    Schema {
        version: 0,
        description: "A backup policy checked against its DR tier at plan time, with the Azure settings that achieve it.",
        attributes: vec![
            Attribute::new("name", Type::String, Required, "Name of the policy; changing it replaces the resource."),
            Attribute::new("tier", Type::String, OptionalComputed, "DR tier (critical, production, staging, development, archive, stateless, or one from policy_file). Defaults to the provider's default_tier."),
            Attribute::new("rpo", Type::String, OptionalComputed, "Recovery point objective, e.g. \"1h\" or \"PT1H\"; must not be looser than the tier's. Defaults to the tier's."),
            Attribute::new("rto", Type::String, OptionalComputed, "Recovery time objective; must not be looser than the tier's. Defaults to the tier's."),
            Attribute::new("interval", Type::String, Optional, "Time between backups; must not exceed the RPO. Conflicts with schedule."),
            Attribute::new("schedule", Type::String, Optional, "Five-field cron schedule of the backups; its longest gap must not exceed the RPO. Conflicts with interval."),
            Attribute::new("retention", Type::String, OptionalComputed, "How long backups are kept; must not be shorter than the tier's. Defaults to the tier's."),
            Attribute::new("geo_redundant", Type::Bool, OptionalComputed, "Whether backups must survive the loss of a region. Defaults to the tier's."),
            Attribute::new("targets", Type::list(Type::String), Optional, "IDs of the resources the policy covers (drlint reads this list)."),
            Attribute::new("description", Type::String, Optional, "Free text."),
            Attribute::new("id", Type::String, Computed, "The policy's name."),
            Attribute::new("effective_interval", Type::String, Computed, "The interval, the schedule's worst-case gap, or the RPO when neither is set (normalised)."),
            Attribute::new("interval_minutes", Type::Number, Computed, "effective_interval in whole minutes (rounded down)."),
            Attribute::new("retention_days", Type::Number, Computed, "The retention in whole days (rounded up)."),
            Attribute::new("retention_hours", Type::Number, Computed, "The retention in whole hours (rounded up)."),
            Attribute::new("azure", azure_type(), Computed, "Settings for azurerm resources that achieve the policy."),
        ],
    }
}

fn input_from(config: &Value) -> BackupPolicyInput {
    BackupPolicyInput {
        name: string_field(config.attr("name")),
        tier: string_field(config.attr("tier")),
        rpo: string_field(config.attr("rpo")),
        rto: string_field(config.attr("rto")),
        interval: string_field(config.attr("interval")),
        schedule: string_field(config.attr("schedule")),
        retention: string_field(config.attr("retention")),
        geo_redundant: bool_field(config.attr("geo_redundant")),
    }
}

fn evaluate(context: &ProviderContext, config: &Value) -> BackupPolicyEvaluation {
    let mut input = input_from(config);
    let (pack, default_tier) = tier_context(context, &mut input.tier);
    evaluate_backup_policy(&input, pack, default_tier)
}

fn azure_value(settings: AzureSettings) -> Value {
    let attributes = [
        ("cosmosdb_backup_type", field_value(settings.cosmosdb_backup_type)),
        ("cosmosdb_interval_in_minutes", count_value(settings.cosmosdb_interval_in_minutes)),
        ("cosmosdb_retention_in_hours", count_value(settings.cosmosdb_retention_in_hours)),
        ("cosmosdb_storage_redundancy", field_value(settings.cosmosdb_storage_redundancy)),
        ("redis_rdb_backup_frequency", count_value(settings.redis_rdb_backup_frequency)),
        ("postgresql_backup_retention_days", count_value(settings.postgresql_backup_retention_days)),
        ("postgresql_geo_redundant_backup_enabled", field_value(settings.postgresql_geo_redundant_backup_enabled)),
        ("mysql_backup_retention_days", count_value(settings.mysql_backup_retention_days)),
        ("mssql_short_term_retention_days", count_value(settings.mssql_short_term_retention_days)),
        ("key_vault_soft_delete_retention_days", count_value(settings.key_vault_soft_delete_retention_days)),
        ("key_vault_purge_protection_enabled", field_value(settings.key_vault_purge_protection_enabled)),
        ("storage_account_replication_type", field_value(settings.storage_account_replication_type)),
    ];
    Value::Object(attributes.into_iter().map(|(name, value)| (name.to_owned(), value)).collect())
}

impl ManagedResource for BackupPolicyResource {
    fn type_name(&self) -> &'static str {
        TYPE_NAME
    }

    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn validate(&self, config: &Value) -> Diagnostics {
        let mut input = input_from(config);
        let (pack, default_tier) = validation_context(&mut input.tier);
        let evaluation = evaluate_backup_policy(&input, pack, default_tier);
        problems_to_diagnostics(&evaluation.problems).errors_only()
    }

    fn plan(&self, context: &ProviderContext, config: &Value, prior: &Value) -> (Value, Diagnostics) {
        let evaluation = evaluate(context, config);
        let policy = evaluation.policy;
        let optional_computed = |name: &str, computed: Value, equivalent: fn(&str, &str) -> bool| {
            plan_optional_computed(config.attr(name), prior.attr(name), computed, equivalent)
        };
        let geo_redundant = match config.attr("geo_redundant") {
            Value::Null => field_value(policy.geo_redundant),
            given => given.clone(),
        };
        let planned = [
            ("id", config.attr("name").clone()),
            ("name", config.attr("name").clone()),
            ("tier", optional_computed("tier", field_value(policy.tier), same_tier)),
            ("rpo", optional_computed("rpo", duration_value(policy.rpo), same_duration)),
            ("rto", optional_computed("rto", duration_value(policy.rto), same_duration)),
            ("interval", config.attr("interval").clone()),
            ("schedule", config.attr("schedule").clone()),
            ("retention", optional_computed("retention", duration_value(policy.retention), same_duration)),
            ("geo_redundant", geo_redundant),
            ("targets", config.attr("targets").clone()),
            ("description", config.attr("description").clone()),
            ("effective_interval", duration_value(policy.effective_interval)),
            ("interval_minutes", count_value(policy.interval_minutes)),
            ("retention_days", count_value(policy.retention_days)),
            ("retention_hours", count_value(policy.retention_hours)),
            ("azure", azure_value(policy.azure)),
        ];
        let planned = Value::Object(planned.into_iter().map(|(name, value)| (name.to_owned(), value)).collect());
        (planned, problems_to_diagnostics(&evaluation.problems))
    }

    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        imported_state(&self.schema, TYPE_NAME, id)
    }
}

/// The resource's schema, built once per process.
pub fn resource() -> &'static BackupPolicyResource {
    static RESOURCE: OnceLock<BackupPolicyResource> = OnceLock::new();
    RESOURCE.get_or_init(BackupPolicyResource::default)
}
