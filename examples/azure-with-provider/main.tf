# Azure resources that take their DR settings from terraform-provider-dr: the objective is
# declared once in dr_backup_policy and validated at plan time; every service gets the exact
# setting it accepts from `dr_backup_policy.NAME.azure`. drlint reports no error in this estate:
# each resource is judged against the policy whose settings it takes or that targets it. The
# warnings it shows are the provider's own plan-time advice on the policies (what a service
# cannot keep or cannot back up often enough).

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

# Compute: a reporting VM kept as a 7-year archive, and workers whose file share, scratch disk
# and AKS cluster accept 4 hours of lost work (staging). Their Azure Backup vaults and policies
# take every schedule, retention and redundancy from the policy that targets them.
resource "dr_backup_policy" "reports" {
  name        = "reports"
  tier        = "archive"
  targets     = [azurerm_linux_virtual_machine.reports.id]
  description = "Monthly reports: seed 004's archive tier, 24h RPO and 7-year retention."
}

resource "dr_backup_policy" "workers" {
  name    = "workers"
  tier    = "staging"
  targets = [azurerm_storage_share.workers.id, azurerm_managed_disk.workers.id, azurerm_kubernetes_cluster.workers.id]
}

resource "azurerm_recovery_services_vault" "reports" {
  name                         = "rsv-reports"
  location                     = azurerm_resource_group.orders.location
  resource_group_name          = azurerm_resource_group.orders.name
  sku                          = "Standard"
  storage_mode_type            = dr_backup_policy.reports.azure.recovery_services_storage_mode_type
  cross_region_restore_enabled = dr_backup_policy.reports.azure.recovery_services_cross_region_restore_enabled
  immutability                 = "Unlocked"
}

resource "azurerm_backup_policy_vm" "reports" {
  name                = "reports"
  resource_group_name = azurerm_resource_group.orders.name
  recovery_vault_name = azurerm_recovery_services_vault.reports.name
  policy_type         = dr_backup_policy.reports.azure.vm_backup_policy_type

  backup {
    frequency     = dr_backup_policy.reports.azure.vm_backup_frequency
    time          = "23:00"
    hour_interval = dr_backup_policy.reports.azure.vm_backup_hour_interval
  }

  retention_daily {
    count = dr_backup_policy.reports.azure.vm_retention_daily_count
  }

  retention_monthly {
    count    = dr_backup_policy.reports.azure.vm_retention_monthly_count
    weekdays = ["Sunday"]
    weeks    = ["Last"]
  }

  retention_yearly {
    count    = dr_backup_policy.reports.azure.vm_retention_yearly_count
    weekdays = ["Sunday"]
    weeks    = ["Last"]
    months   = ["December"]
  }
}

resource "azurerm_linux_virtual_machine" "reports" {
  name                  = "vm-reports"
  location              = azurerm_resource_group.orders.location
  resource_group_name   = azurerm_resource_group.orders.name
  size                  = "Standard_D2s_v5"
  admin_username        = "reports"
  network_interface_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.Network/networkInterfaces/nic-reports"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_backup_protected_vm" "reports" {
  resource_group_name = azurerm_resource_group.orders.name
  recovery_vault_name = azurerm_recovery_services_vault.reports.name
  source_vm_id        = azurerm_linux_virtual_machine.reports.id
  backup_policy_id    = azurerm_backup_policy_vm.reports.id
}

resource "azurerm_recovery_services_vault" "workers" {
  name                = "rsv-workers"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  sku                 = "Standard"
  storage_mode_type   = dr_backup_policy.workers.azure.recovery_services_storage_mode_type
}

resource "azurerm_storage_share" "workers" {
  name               = "workers"
  storage_account_id = azurerm_storage_account.orders.id
  quota              = 100
}

resource "azurerm_backup_container_storage_account" "workers" {
  resource_group_name = azurerm_resource_group.orders.name
  recovery_vault_name = azurerm_recovery_services_vault.workers.name
  storage_account_id  = azurerm_storage_account.orders.id
}

resource "azurerm_backup_policy_file_share" "workers" {
  name                = "workers"
  resource_group_name = azurerm_resource_group.orders.name
  recovery_vault_name = azurerm_recovery_services_vault.workers.name

  backup {
    frequency = dr_backup_policy.workers.azure.file_share_backup_frequency
    hourly {
      interval        = dr_backup_policy.workers.azure.vm_backup_hour_interval
      start_time      = "00:00"
      window_duration = 24
    }
  }

  retention_daily {
    count = dr_backup_policy.workers.azure.file_share_retention_daily_count
  }
}

resource "azurerm_backup_protected_file_share" "workers" {
  resource_group_name       = azurerm_resource_group.orders.name
  recovery_vault_name       = azurerm_recovery_services_vault.workers.name
  source_storage_account_id = azurerm_backup_container_storage_account.workers.storage_account_id
  source_file_share_name    = azurerm_storage_share.workers.name
  backup_policy_id          = azurerm_backup_policy_file_share.workers.id
}

resource "azurerm_data_protection_backup_vault" "workers" {
  name                = "bv-workers"
  resource_group_name = azurerm_resource_group.orders.name
  location            = azurerm_resource_group.orders.location
  datastore_type      = "VaultStore"
  redundancy          = dr_backup_policy.workers.azure.data_protection_redundancy
}

resource "azurerm_managed_disk" "workers" {
  name                 = "disk-workers"
  location             = azurerm_resource_group.orders.location
  resource_group_name  = azurerm_resource_group.orders.name
  storage_account_type = "Premium_ZRS"
  create_option        = "Empty"
  disk_size_gb         = 128
}

resource "azurerm_data_protection_backup_policy_disk" "workers" {
  name                            = "disk-workers"
  vault_id                        = azurerm_data_protection_backup_vault.workers.id
  backup_repeating_time_intervals = [dr_backup_policy.workers.azure.data_protection_repeating_interval]
  default_retention_duration      = dr_backup_policy.workers.azure.data_protection_default_retention_duration
}

resource "azurerm_data_protection_backup_instance_disk" "workers" {
  name                         = "disk-workers"
  location                     = azurerm_resource_group.orders.location
  vault_id                     = azurerm_data_protection_backup_vault.workers.id
  disk_id                      = azurerm_managed_disk.workers.id
  snapshot_resource_group_name = azurerm_resource_group.orders.name
  backup_policy_id             = azurerm_data_protection_backup_policy_disk.workers.id
}

resource "azurerm_kubernetes_cluster" "workers" {
  name                = "aks-workers"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  dns_prefix          = "workers"

  default_node_pool {
    name       = "system"
    node_count = 2
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "workers" {
  name                            = "aks-workers"
  resource_group_name             = azurerm_resource_group.orders.name
  vault_name                      = azurerm_data_protection_backup_vault.workers.name
  backup_repeating_time_intervals = [dr_backup_policy.workers.azure.data_protection_repeating_interval]

  default_retention_rule {
    life_cycle {
      data_store_type = "OperationalStore"
      duration        = dr_backup_policy.workers.azure.data_protection_default_retention_duration
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "workers" {
  name                         = "aks-workers"
  location                     = azurerm_resource_group.orders.location
  vault_id                     = azurerm_data_protection_backup_vault.workers.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.workers.id
  snapshot_resource_group_name = azurerm_resource_group.orders.name
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.workers.id
}
