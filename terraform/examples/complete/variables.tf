variable "region" {
  type        = string
  description = "Region of the new pool and the function."
  default     = "eu-central-1"
}

variable "name" {
  type        = string
  description = "Prefix of every name in the example (pools, clients, function)."
  default     = "attrmapper"
}

variable "package_path" {
  type        = string
  description = "The zip from `make package`. `make deploy` passes the absolute path."
  default     = "../../../dist/attrmapper-x86_64.zip"
}

variable "architecture" {
  type        = string
  description = "x86_64 or arm64, matching package_path."
  default     = "x86_64"
}

variable "existing_old_user_pool_id" {
  type        = string
  description = "Id of an existing old pool to migrate from. Null creates a demo old pool. Either way a dedicated migration app client is created on it."
  default     = null
}

variable "attribute_map_file" {
  type        = string
  description = "Initial attribute map (JSON). Null: attribute-map.json beside this file."
  default     = null
}

variable "alias_lookup" {
  type        = string
  description = "ALIAS_LOOKUP for the function: off, email, phone_number, email,phone_number."
  default     = "off"
}

variable "new_user_pool_id" {
  type        = string
  description = "The new pool's id as a literal, for the function's NEW_USER_POOL_ID guard. Unknown before the first apply (the pool references the function), so: apply once, copy the new_user_pool_id output here, apply again."
  default     = null
}

variable "migration_window_open" {
  type        = bool
  description = "true: the new pool calls the trigger and its app client allows USER_PASSWORD_AUTH (migration happens). false: trigger removed, client back to SRP."
  default     = true
}

variable "alarm_email" {
  type        = string
  description = "Optional e-mail address subscribed to the alarm topic (confirm the subscription mail)."
  default     = null
}

variable "groups_enabled" {
  type        = bool
  description = "true: group memberships move with the users (the map's groups section, the marker attribute, the new pool's pre token generation / post authentication / post confirmation triggers, groups in both pools). false needs a map without a groups section."
  default     = true
}
