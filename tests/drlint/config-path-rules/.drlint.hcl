default_tier = "staging"

path "legacy/**" {
  tier = "development"
}

rules {
  disable = ["storage-soft-delete"]
}
