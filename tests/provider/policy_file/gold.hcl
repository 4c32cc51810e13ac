# An extra tier on top of the built-in pack (drlint policy-pack syntax).
tier "gold" {
  rpo                 = "5m"
  rto                 = "30m"
  min_retention       = "90d"
  geo_redundant       = true
  automatic_failover  = true
  deletion_protection = true
}
