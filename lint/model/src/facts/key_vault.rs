//! Key Vault: soft delete and purge protection, what keeps a deleted vault's keys and secrets
//! recoverable.

use super::Fact;

#[derive(Debug, Clone)]
pub struct KeyVault {
    /// The source's name for where this was read, in messages: `azurerm`.
    pub source: &'static str,
    /// Whether a deleted vault is protected from being purged before its retention ends.
    pub purge_protection: Fact<bool>,
    /// How long a deleted vault (and its objects) can be recovered, in days.
    pub soft_delete_retention_days: Fact<f64>,
}
