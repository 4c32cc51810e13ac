# An extra tier that becomes the default of the provider configurations using this pack.
default_tier = "gold"

tier "gold" {
  rpo                 = "5m"
  rto                 = "30m"
  min_retention       = "90d"
  geo_redundant       = true
  automatic_failover  = true
  deletion_protection = true
}
