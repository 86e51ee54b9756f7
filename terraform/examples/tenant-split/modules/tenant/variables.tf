variable "name" {
  type        = string
  description = "Name of this tenant's pool, app client prefix, function, role and parameters (<prefix>-<tenant>)."
}

variable "package_path" {
  type        = string
  description = "The function's deployment zip."
}

variable "architecture" {
  type        = string
  description = "x86_64 or arm64, matching package_path."
}

variable "old_user_pool_id" {
  type        = string
  description = "The shared old pool."
}

variable "old_client_id" {
  type        = string
  description = "The shared migration client on the old pool."
}

variable "map_document" {
  type        = string
  description = "This tenant's attribute map (JSON), with its own select section."
}
