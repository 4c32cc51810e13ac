//! Azure Site Recovery replication of virtual machines to another region:
//! `azurerm_site_recovery_replication_policy`, `azurerm_site_recovery_replicated_vm` and
//! `azurerm_site_recovery_replication_recovery_plan`.

use crate::duration::Duration;

/// "Site Recovery automatically creates a crash-consistent recovery point every five minutes."
/// and "You can't change this frequency."
/// <https://learn.microsoft.com/azure/site-recovery/azure-to-azure-common-questions>
pub const CRASH_CONSISTENT_INTERVAL: Duration = Duration::from_minutes(5);
/// "Site Recovery can create app-consistent recovery points with a minimum frequency of one
/// hour." (same page)
pub const MIN_APP_CONSISTENT_FREQUENCY: Duration = Duration::from_minutes(60);
/// "The oldest recovery point that you can use is 15 days with Managed disk" (same page).
pub const MAX_RECOVERY_POINT_RETENTION: Duration = Duration::from_days(15);
