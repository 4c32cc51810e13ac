//! Rules for terraform-provider-dr's own blocks: a `dr_backup_policy` or `dr_failover_group`
//! judged exactly as the provider judges it at plan time.

register_rules! {
    backup_policy_objectives::BackupPolicyObjectives,
    failover_group_objectives::FailoverGroupObjectives,
}
