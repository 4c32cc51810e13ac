resource "azurerm_container_registry" "prod" {
  location = "eastus"
  sku      = "Premium"
}
resource "azurerm_container_registry" "replicated" {
  location = "eastus"
  sku      = "Premium"
  georeplications {
    location = "westus"
  }
}
