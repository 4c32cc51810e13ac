resource "dr_backup_policy" "scratch" {
  name    = "scratch"
  tier    = "staging"
  targets = [module.data.db_id]
}
module "data" {
  source = "./data"
}
