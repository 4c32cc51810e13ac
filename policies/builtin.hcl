# drkit built-in DR policy pack.
#
# drlint embeds this file and uses it when nothing else is configured; terraform-provider-dr
# uses it for its `tier` argument and the `dr_tier` data source. A project's `.drlint.hcl`,
# `drlint --policy FILE` or the provider's `policy_file` add to it with the same syntax.
#
# Shape of a policy pack:
#
#   default_tier = "NAME"          # tier for resources that state no objective (optional)
#
#   tier "NAME" {                  # one block per tier; a later pack's block with the same
#     rpo                 = "1h"   # name replaces this one as a whole
#     rto                 = "4h"   # durations: 30s 15m 1h 4h30m 7d 2w 1y (365d) or ISO 8601
#     min_retention       = "30d"  # omit rpo, rto or min_retention for "no objective"
#     geo_redundant       = true   # booleans default to false
#     automatic_failover  = false
#     deletion_protection = true
#   }
#
#   environments = {               # value of an `environment` or `env` tag -> tier name,
#     prod = "production"          # matched case-insensitively; a later pack adds entries
#   }
#
# Every number below comes from the five DR plans in shared/seeds/:
#   seed 000 "Comet Agentic Browser" DR plan
#   seed 001 "DOT-Copilot" DR plan
#   seed 002 "Celora" DR runbook
#   seed 003 "Amicis Solution Accelerator" DR plan
#   seed 004 "Agentic Development Orchestrator (ADO)" DR plan

# Seed 000 states no default: every resource not otherwise classified is held to the
# production objectives, the ones that all five plans share.
default_tier = "production"

# Seed 004, "Tier 1: Critical Data (RPO: 15 minutes)" backed up "*/15 * * * *" with
# "retention: 30 days"; its database recovery test targets an RTO well inside 1 hour
# ("rto_target: 30 minutes"), and seed 003 gives ACR and Key Vault a 1 hour RTO.
# Critical data fails over without a person (seed 003: Cosmos DB "Automatic failover")
# and is protected from deletion.
tier "critical" {
  rpo                 = "15m"
  rto                 = "1h"
  min_retention       = "30d"
  geo_redundant       = true
  automatic_failover  = true
  deletion_protection = true
}

# Seed 000 "Production | 4 hours | 1 hour", seed 002 "RTO 4 hours, RPO 1 hour, Backup
# Retention 30 days", seed 003 "RTO 4 hours, RPO 1 hour", seed 001 "Retention: 30 days,
# Geo-Redundancy: Enabled (production)"; seed 000 "Purge protection: Enabled (production)".
# Failover in these plans is a manual runbook step (seed 000 "Initiate Failover").
tier "production" {
  rpo                 = "1h"
  rto                 = "4h"
  min_retention       = "30d"
  geo_redundant       = true
  automatic_failover  = false
  deletion_protection = true
}

# Seed 000 "Staging | 8 hours | 4 hours"; seed 001 keeps local backups 7 days
# ("keep 7 days"). Geo-redundancy and purge protection are production-only in seed 000.
tier "staging" {
  rpo                 = "4h"
  rto                 = "8h"
  min_retention       = "7d"
  geo_redundant       = false
  automatic_failover  = false
  deletion_protection = false
}

# Seed 000 "Development | 24 hours | 24 hours"; 7 days retention as for staging (seed 001).
tier "development" {
  rpo                 = "24h"
  rto                 = "24h"
  min_retention       = "7d"
  geo_redundant       = false
  automatic_failover  = false
  deletion_protection = false
}

# Seed 004 "Tier 3: Archive Data (RPO: 24 hours)", backed up daily ("0 2 * * *") with
# "retention: 7 years". Archives are not needed to keep the service running, so they take
# the longest downtime that plan accepts ("Development Environment: 72 hours maximum
# downtime"). Compliance archives must survive a region and must not be deletable.
tier "archive" {
  rpo                 = "24h"
  rto                 = "72h"
  min_retention       = "7y"
  geo_redundant       = true
  automatic_failover  = false
  deletion_protection = true
}

# Seed 001 "Configuration: 0 (version controlled)" and seed 003's Static Web App
# "Redeploy from Git": resources rebuilt from code hold no data to protect.
tier "stateless" {
}

# Environment tag values, as the seeds name their environments (seed 000 ENVIRONMENT=production,
# resource group "rg-comet-browser-prod"; seed 002 tests restores "in staging environment").
environments = {
  prod        = "production"
  production  = "production"
  prd         = "production"
  staging     = "staging"
  stage       = "staging"
  stg         = "staging"
  uat         = "staging"
  preprod     = "staging"
  dev         = "development"
  development = "development"
  test        = "development"
  qa          = "development"
  sandbox     = "development"
}
