# .drlint.hcl: drlint's project configuration. drlint reads it from the root of the scanned
# path; `drlint --policy FILE` adds another policy pack on top.
#
# Durations: 30s 15m 1h 4h30m 7d 2w 1y (a year is 365 days) or ISO 8601 (PT1H, P30D).
# Built-in tiers: critical, production, staging, development, archive, stateless
# (run `drlint --explain` on any rule to see how a tier's objectives are checked).

# Tier for resources that state no objective through a dr_backup_policy, a dr_failover_group,
# a dr_tier / dr_rpo / dr_rto tag, an environment tag or a path rule below.
# The built-in default is "production".
default_tier = "production"

# Your own tiers, or a built-in tier redefined. A tier declared here replaces the built-in
# tier of the same name as a whole; omit rpo, rto or min_retention for "no objective";
# booleans default to false.
tier "payments" {
  rpo                 = "5m"
  rto                 = "30m"
  min_retention       = "35d"
  geo_redundant       = true
  automatic_failover  = true
  deletion_protection = true
}

# Values of the `environment` or `env` tag, matched case-insensitively, mapped to tiers.
# These entries are added to the built-in map (prod, staging, dev and their spellings).
environments = {
  live   = "production"
  hotfix = "staging"
}

# Tiers by file path, relative to the scanned root; the first matching rule wins.
# `*` stays within one folder, `**` crosses folders; a folder matches everything below it.
path "modules/legacy/**" {
  tier = "development"
}

path "payments/**" {
  tier = "payments"
}

rules {
  # Rules to skip entirely (rule names as `drlint --explain` lists them).
  disable = []

  # Report a rule's findings at another severity: "error", "warning" or "info".
  severity = {
    # RULE_NAME = "warning"
  }
}
