//! `azurerm_key_vault`.
//! <https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault>

use super::IntRange;

/// "`soft_delete_retention_days` ... This value can be between `7` and `90` (the default)
/// days."
pub const SOFT_DELETE_RETENTION_DAYS: IntRange = IntRange::new(7, 90);
pub const DEFAULT_SOFT_DELETE_RETENTION_DAYS: u64 = 90;
/// "`purge_protection_enabled` - (Optional) Is Purge Protection enabled for this Key
/// Vault?": an optional boolean with no default, so absent means off.
pub const DEFAULT_PURGE_PROTECTION_ENABLED: bool = false;
