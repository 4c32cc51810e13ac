# Azure resources that take their DR settings from terraform-provider-dr: the objective is
# declared once in dr_backup_policy and validated at plan time; every service gets the exact
# setting it accepts from `dr_backup_policy.orders.azure`. drlint reports this estate clean:
# each resource is judged against the policy whose settings it takes.

terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0"
    }
  }
}

provider "dr" {
  default_tier = "production"
}

provider "azurerm" {
  features {}
}

variable "location" {
  type    = string
  default = "eastus"
}

resource "dr_backup_policy" "orders" {
  name        = "orders"
  tier        = "production"
  rpo         = "1h"
  schedule    = "0 * * * *"
  retention   = "30d"
  description = "Orders data: Celora's 1h RPO and 30-day retention."
}

resource "dr_failover_group" "orders" {
  name           = "orders"
  tier           = "production"
  primary_region = var.location
  mode           = "manual"
  grace_period   = "30m"
}

resource "azurerm_resource_group" "orders" {
  name     = "rg-orders"
  location = var.location
}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "cosmos-orders"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }

  dynamic "geo_location" {
    for_each = dr_failover_group.orders.failover_priorities
    content {
      location          = geo_location.key
      failover_priority = geo_location.value
    }
  }

  backup {
    type                = dr_backup_policy.orders.azure.cosmosdb_backup_type
    interval_in_minutes = dr_backup_policy.orders.azure.cosmosdb_interval_in_minutes
    retention_in_hours  = dr_backup_policy.orders.azure.cosmosdb_retention_in_hours
    storage_redundancy  = dr_backup_policy.orders.azure.cosmosdb_storage_redundancy
  }
}

resource "azurerm_postgresql_flexible_server" "orders" {
  name                         = "psql-orders"
  location                     = azurerm_resource_group.orders.location
  resource_group_name          = azurerm_resource_group.orders.name
  version                      = "16"
  sku_name                     = "GP_Standard_D2s_v3"
  backup_retention_days        = dr_backup_policy.orders.azure.postgresql_backup_retention_days
  geo_redundant_backup_enabled = dr_backup_policy.orders.azure.postgresql_geo_redundant_backup_enabled
}

resource "azurerm_key_vault" "orders" {
  name                       = "kv-orders"
  location                   = azurerm_resource_group.orders.location
  resource_group_name        = azurerm_resource_group.orders.name
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = dr_backup_policy.orders.azure.key_vault_soft_delete_retention_days
  purge_protection_enabled   = dr_backup_policy.orders.azure.key_vault_purge_protection_enabled
}

resource "azurerm_storage_account" "orders" {
  name                     = "stordersbackup"
  location                 = azurerm_resource_group.orders.location
  resource_group_name      = azurerm_resource_group.orders.name
  account_tier             = "Standard"
  account_replication_type = dr_backup_policy.orders.azure.storage_account_replication_type

  blob_properties {
    delete_retention_policy {
      days = dr_backup_policy.orders.retention_days
    }
    container_delete_retention_policy {
      days = dr_backup_policy.orders.retention_days
    }
  }
}
