variable "location" {
  description = "Primary Azure region."
  type        = string
  default     = "East US"
}

variable "secondary_location" {
  description = "Region of the geo-replicas (the Azure pair of the primary)."
  type        = string
  default     = "West US"
}

variable "environment" {
  description = "Environment tag; the policy pack maps it to a DR tier."
  type        = string
}

variable "db_backup_retention_days" {
  type    = number
  default = 7
}
