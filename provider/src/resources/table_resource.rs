//! A `dr_*` resource type as its attribute table and its evaluation: what both resource types
//! share, so that each is declared in a few lines (see `backup_policy.rs`).

use std::sync::OnceLock;

use drkit_model::attributes::ResourceTable;
use drkit_model::{Field, PolicyPack, Problem};
use drkit_tfplugin::cty::Value;
use drkit_tfplugin::planning::ComputedValues;
use drkit_tfplugin::tfprotocol::{Diagnostics, Schema};
use drkit_tfplugin::Resource;

use super::{imported_state, problems_to_diagnostics, table, tier_context, validation_context};
use crate::configuration::ProviderContext;

/// The model's evaluation of a block: its effective values and every problem found.
pub type Evaluate<Input, Evaluated> = fn(&Input, &PolicyPack, &str) -> (Evaluated, Vec<Problem>);

pub struct TableResource<Input: 'static, Evaluated: 'static> {
    table: &'static ResourceTable<Input, Evaluated>,
    evaluate: Evaluate<Input, Evaluated>,
    /// The input's `tier`, which a provider configuration not known yet makes unknown.
    tier: fn(&mut Input) -> &mut Field<String>,
    /// Built from the table on first use.
    schema: OnceLock<Schema>,
}

impl<Input, Evaluated> TableResource<Input, Evaluated> {
    pub const fn new(
        table: &'static ResourceTable<Input, Evaluated>,
        evaluate: Evaluate<Input, Evaluated>,
        tier: fn(&mut Input) -> &mut Field<String>,
    ) -> Self {
        TableResource {
            table,
            evaluate,
            tier,
            schema: OnceLock::new(),
        }
    }
}

impl<Input: Default, Evaluated> Resource<ProviderContext> for TableResource<Input, Evaluated>
where
    Input: Send + Sync,
    Evaluated: Send + Sync,
{
    fn type_name(&self) -> &'static str {
        self.table.type_name
    }

    fn schema(&self) -> &Schema {
        self.schema.get_or_init(|| table::schema(self.table))
    }

    /// Checks that need no provider configuration; warnings come from the plan, so each is
    /// shown once.
    fn validate(&self, config: &Value) -> Diagnostics {
        let mut input = table::input(self.table, config);
        let (pack, default_tier) = validation_context((self.tier)(&mut input));
        let (_, problems) = (self.evaluate)(&input, pack, &default_tier);
        problems_to_diagnostics(&problems).errors_only()
    }

    fn compute(&self, context: &ProviderContext, config: &Value) -> (ComputedValues, Diagnostics) {
        let mut input = table::input(self.table, config);
        let (pack, default_tier) = tier_context(context, (self.tier)(&mut input));
        let (evaluated, problems) = (self.evaluate)(&input, pack, &default_tier);
        (
            table::computed(self.table, &evaluated, config),
            problems_to_diagnostics(&problems),
        )
    }

    fn import(&self, id: &str) -> Result<Value, Diagnostics> {
        imported_state(self.schema(), self.table.type_name, id)
    }
}
