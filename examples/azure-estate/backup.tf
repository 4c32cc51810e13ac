# Azure Backup for the compute side of the workload: a Recovery Services vault backing up the
# browser-worker VM, and a Backup vault backing up the worker's scratch disk and the AKS cluster
# that runs the agents. Each protection keeps a setting the production tier cannot accept.

resource "azurerm_recovery_services_vault" "main" {
  name                         = "rsv-${local.name}"
  location                     = azurerm_resource_group.main.location
  resource_group_name          = azurerm_resource_group.main.name
  sku                          = "Standard"
  storage_mode_type            = "GeoRedundant"
  cross_region_restore_enabled = true
  tags                         = local.tags
}

# Once a day: fine for development, but the worker VM accepts at most 4 hours of lost work.
resource "azurerm_backup_policy_vm" "daily" {
  name                = "daily"
  resource_group_name = azurerm_resource_group.main.name
  recovery_vault_name = azurerm_recovery_services_vault.main.name

  backup {
    frequency = "Daily"
    time      = "23:00"
  }

  retention_daily {
    count = 30
  }
}

resource "azurerm_linux_virtual_machine" "worker" {
  name                  = "vm-${local.name}-worker"
  location              = azurerm_resource_group.main.location
  resource_group_name   = azurerm_resource_group.main.name
  size                  = "Standard_D4s_v5"
  admin_username        = "comet"
  network_interface_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-comet-prod/providers/Microsoft.Network/networkInterfaces/nic-worker"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_ZRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }

  # Rebuilt work can be replayed from the queue: four hours of it may be lost.
  tags = merge(local.tags, { dr_rpo = "4h" })
}

resource "azurerm_backup_protected_vm" "worker" {
  resource_group_name = azurerm_resource_group.main.name
  recovery_vault_name = azurerm_recovery_services_vault.main.name
  source_vm_id        = azurerm_linux_virtual_machine.worker.id
  backup_policy_id    = azurerm_backup_policy_vm.daily.id
}

resource "azurerm_data_protection_backup_vault" "main" {
  name                         = "bv-${local.name}"
  resource_group_name          = azurerm_resource_group.main.name
  location                     = azurerm_resource_group.main.location
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = true
  soft_delete                  = "On"
  tags                         = local.tags
}

# The agents' scratch disk, snapshotted every 4 hours: snapshots stay next to the disk.
resource "azurerm_managed_disk" "scratch" {
  name                 = "disk-${local.name}-scratch"
  location             = azurerm_resource_group.main.location
  resource_group_name  = azurerm_resource_group.main.name
  storage_account_type = "Premium_ZRS"
  create_option        = "Empty"
  disk_size_gb         = 256
  tags                 = local.tags
}

resource "azurerm_data_protection_backup_policy_disk" "every_4h" {
  name                            = "disk-every-4h"
  vault_id                        = azurerm_data_protection_backup_vault.main.id
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/PT4H"]
  default_retention_duration      = "P30D"
}

resource "azurerm_data_protection_backup_instance_disk" "scratch" {
  name                         = "scratch"
  location                     = azurerm_resource_group.main.location
  vault_id                     = azurerm_data_protection_backup_vault.main.id
  disk_id                      = azurerm_managed_disk.scratch.id
  snapshot_resource_group_name = azurerm_resource_group.main.name
  backup_policy_id             = azurerm_data_protection_backup_policy_disk.every_4h.id
}

# The agent cluster: its persistent volumes are backed up hourly-ish but kept one week.
resource "azurerm_kubernetes_cluster" "agents" {
  name                = "aks-${local.name}"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  dns_prefix          = "comet"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  tags = local.tags
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "agents" {
  name                            = "aks-every-4h"
  resource_group_name             = azurerm_resource_group.main.name
  vault_name                      = azurerm_data_protection_backup_vault.main.name
  backup_repeating_time_intervals = ["R/2024-01-01T02:00:00+00:00/PT4H"]

  default_retention_rule {
    life_cycle {
      data_store_type = "OperationalStore"
      duration        = "P7D"
    }
  }
}

resource "azurerm_data_protection_backup_instance_kubernetes_cluster" "agents" {
  name                         = "agents"
  location                     = azurerm_resource_group.main.location
  vault_id                     = azurerm_data_protection_backup_vault.main.id
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.agents.id
  snapshot_resource_group_name = azurerm_resource_group.main.name
  backup_policy_id             = azurerm_data_protection_backup_policy_kubernetes_cluster.agents.id
}
