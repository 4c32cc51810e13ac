//! Rules for Key Vault: purge protection and soft-delete retention.

register_rules! {
    key_vault_purge_protection::KeyVaultPurgeProtection,
    key_vault_soft_delete_retention::KeyVaultSoftDeleteRetention,
}
