locals {
  name = "comet-${var.environment}"
  tags = {
    environment = var.environment
    application = "comet-browser"
  }
}

resource "azurerm_resource_group" "main" {
  name     = "rg-${local.name}"
  location = var.location
  tags     = local.tags
}

# Secrets and customer-managed keys. The seed plan wants purge protection in production.
resource "azurerm_key_vault" "main" {
  name                       = "kv-${local.name}"
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 90
  purge_protection_enabled   = false
  tags                       = local.tags
}

# Images for the browser workers: geo-replication is "enabled for production" in the plan,
# but nobody added the block yet.
resource "azurerm_container_registry" "main" {
  name                = "acrcomet${var.environment}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  sku                 = "Premium"
  tags                = local.tags
}

# Backups and exports: geo-zone-redundant with 30 days of soft delete.
resource "azurerm_storage_account" "backups" {
  name                     = "stcomet${var.environment}bkp"
  location                 = azurerm_resource_group.main.location
  resource_group_name      = azurerm_resource_group.main.name
  account_tier             = "Standard"
  account_replication_type = "GZRS"

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }

  tags = local.tags
}

module "data" {
  source                = "./modules/data"
  name                  = local.name
  location              = var.location
  secondary_location    = var.secondary_location
  resource_group_name   = azurerm_resource_group.main.name
  backup_retention_days = var.db_backup_retention_days
  tags                  = local.tags
}

module "cache" {
  source              = "./modules/cache"
  name                = local.name
  location            = var.location
  resource_group_name = azurerm_resource_group.main.name
  persistence         = false
  tags                = local.tags
}

# The staging copy of the workload: the staging tier asks for a 4h RPO and 7 days of retention.
module "staging_data" {
  source                 = "./modules/data"
  name                   = "comet-staging"
  location               = var.location
  secondary_location     = var.secondary_location
  resource_group_name    = azurerm_resource_group.main.name
  backup_retention_days  = 7
  cosmos_retention_hours = 168
  tags                   = merge(local.tags, { environment = "staging" })
}
