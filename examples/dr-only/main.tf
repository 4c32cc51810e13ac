# DR objectives for one workload, declared with the dr provider only: no cloud account, no
# network. `terraform apply` validates every objective against its tier and computes the Azure
# settings that meet it; the outputs show them. See README.md for how to run it.

terraform {
  required_version = ">= 1.0"

  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

# The built-in tiers, with production for anything that names no tier.
provider "dr" {
  default_tier = "production"
}

variable "primary_region" {
  description = "Azure region the workload runs in."
  type        = string
  default     = "westeurope"
}

# The Azure resources the policies cover live in another configuration; here they are IDs.
locals {
  payments_cosmosdb_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-payments/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-payments"
  orders_postgresql_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-orders"
}

# Payment data: the critical tier (15m RPO, 1h RTO, automatic failover). A backup every 15
# minutes meets the RPO exactly; Cosmos DB needs continuous backup for that.
resource "dr_backup_policy" "payments" {
  name        = "payments"
  tier        = "critical"
  schedule    = "*/15 * * * *"
  description = "Payment ledger: critical tier, backed up every 15 minutes."
  targets     = [local.payments_cosmosdb_id]
}

# Orders: production. Arguments keep the text written here ("60m", "720h"); the computed
# effective_interval is normalised ("1h").
resource "dr_backup_policy" "orders" {
  name      = "orders"
  tier      = "production"
  rpo       = "60m"
  schedule  = "0 * * * *"
  retention = "720h"
  targets   = [local.orders_postgresql_id]
}

# Reports: staging, backed up every 4 hours; the RPO and RTO come from the tier.
resource "dr_backup_policy" "reports" {
  name     = "reports"
  tier     = "staging"
  interval = "4h"
}

# A sandbox policy that names no tier takes the provider's default_tier and every objective
# from it.
resource "dr_backup_policy" "sandbox" {
  name = "sandbox"
}

# The critical tier requires automatic failover and a 1h RTO, so failover must start well
# before an hour has passed: the default grace period (1h) would be rejected.
resource "dr_failover_group" "payments" {
  name           = "payments"
  tier           = "critical"
  primary_region = var.primary_region
  grace_period   = "15m"
  members        = [local.payments_cosmosdb_id]
}

# Production fails over by a person following the runbook, to the Azure pair of the primary.
resource "dr_failover_group" "orders" {
  name              = "orders"
  tier              = "production"
  primary_region    = var.primary_region
  secondary_regions = [data.dr_region_pair.primary.paired_region]
  mode              = "manual"
  grace_period      = "30m"
  members           = [local.orders_postgresql_id]
}

data "dr_region_pair" "primary" {
  region = var.primary_region
}

data "dr_tier" "archive" {
  name = "archive"
}

output "payments_backup" {
  description = "What the critical tier asks of Cosmos DB, Redis and storage."
  value = {
    effective_interval = dr_backup_policy.payments.effective_interval
    cosmosdb_backup    = dr_backup_policy.payments.azure.cosmosdb_backup_type
    redis_frequency    = dr_backup_policy.payments.azure.redis_rdb_backup_frequency
    storage            = dr_backup_policy.payments.azure.storage_account_replication_type
  }
}

output "orders" {
  description = "The orders policy as stored, and every azurerm setting it computes."
  value = {
    rpo                = dr_backup_policy.orders.rpo
    retention          = dr_backup_policy.orders.retention
    effective_interval = dr_backup_policy.orders.effective_interval
    retention_days     = dr_backup_policy.orders.retention_days
    azure              = dr_backup_policy.orders.azure
  }
}

output "reports" {
  value = {
    rpo                 = dr_backup_policy.reports.rpo
    interval_minutes    = dr_backup_policy.reports.interval_minutes
    cosmosdb_interval   = dr_backup_policy.reports.azure.cosmosdb_interval_in_minutes
    storage_replication = dr_backup_policy.reports.azure.storage_account_replication_type
  }
}

output "sandbox_tier" {
  value = dr_backup_policy.sandbox.tier
}

output "payments_failover_priorities" {
  value = dr_failover_group.payments.failover_priorities
}

output "orders_regions" {
  value = dr_failover_group.orders.regions
}

output "paired_region" {
  value = data.dr_region_pair.primary.paired_region
}

output "archive_tier" {
  value = data.dr_tier.archive
}
