variable "region" {
  type        = string
  description = "Region of the new pools and the functions."
  default     = "eu-central-1"
}

variable "name" {
  type        = string
  description = "Prefix of every name; each tenant's function, pool and parameters are <name>-<tenant>."
  default     = "attrmapper"
}

variable "package_path" {
  type        = string
  description = "The zip from `make package`."
  default     = "../../../dist/attrmapper-x86_64.zip"
}

variable "architecture" {
  type        = string
  description = "x86_64 or arm64, matching package_path."
  default     = "x86_64"
}

variable "existing_old_user_pool_id" {
  type        = string
  description = "Id of the existing multi-tenant pool to split. Null creates a demo old pool. Either way one shared migration app client is created on it."
  default     = null
}

variable "tenant_attribute" {
  type        = string
  description = "The old pool's attribute naming a user's tenant: each tenant's map selects on it (DESIGN.md section 4, select)."
  default     = "custom:tenant"
}

variable "tenants" {
  type = map(object({
    values = list(string)
  }))
  description = "Tenant key (names the tenant's pool, client, function and parameters) => the tenant_attribute values whose users move into that tenant's new pool. No value may belong to two tenants."
  default = {
    acme   = { values = ["acme", "acme-eu"] }
    globex = { values = ["globex"] }
  }

  validation {
    condition     = length(var.tenants) >= 1 && alltrue([for k, t in var.tenants : can(regex("^[a-z0-9][a-z0-9-]{0,20}$", k))])
    error_message = "tenants needs at least one entry; keys are 1-21 characters of [a-z0-9-] (they become parts of resource names)."
  }

  validation {
    condition     = alltrue([for t in var.tenants : length(t.values) >= 1 && length(t.values) <= 100])
    error_message = "Each tenant selects 1-100 attribute values (the map's select.in)."
  }

  validation {
    # A value in two tenants would let the same old user migrate into two pools.
    condition     = length(flatten([for t in var.tenants : t.values])) == length(distinct(flatten([for t in var.tenants : t.values])))
    error_message = "A tenant attribute value belongs to more than one tenant."
  }
}
