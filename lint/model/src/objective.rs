//! What a resource must achieve: the requirements of its tier, refined by what assigned it
//! (a policy's own `rpo`, tags `dr_rpo` / `dr_rto`).

use crate::duration::Duration;
use crate::tier::Tier;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Objective {
    /// The tier's name.
    pub tier: String,
    pub rpo: Option<Duration>,
    pub rto: Option<Duration>,
    /// How far back a restore must reach.
    pub retention: Option<Duration>,
    pub geo_redundant: bool,
    pub automatic_failover: bool,
    pub deletion_protection: bool,
}

impl Objective {
    /// Exactly what `tier` requires.
    pub fn of_tier(tier: &Tier) -> Objective {
        Objective {
            tier: tier.name.clone(),
            rpo: tier.rpo,
            rto: tier.rto,
            retention: tier.min_retention,
            geo_redundant: tier.geo_redundant,
            automatic_failover: tier.automatic_failover,
            deletion_protection: tier.deletion_protection,
        }
    }
}
