# ---------------------------------------------------------------------------------------------------------------------
# Function and package
# ---------------------------------------------------------------------------------------------------------------------

variable "name" {
  type        = string
  description = "Name of the Lambda function; also names the role, the log group (/aws/lambda/<name>), the dashboard, the alarms and the default map parameter."
  default     = "attrmapper"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,56}$", var.name))
    error_message = "name must be 1-56 characters of A-Z a-z 0-9 _ - (Lambda allows 64; the IAM role name adds a suffix)."
  }
}

variable "package_path" {
  type        = string
  description = "Path of the deployment zip built by `make package` (dist/attrmapper-x86_64.zip or dist/attrmapper-arm64.zip). It holds one executable named `bootstrap`."

  validation {
    condition     = endswith(var.package_path, ".zip") && fileexists(var.package_path)
    error_message = "package_path must name an existing .zip file: run `make package` first."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set the Native AOT `bootstrap` was published for: x86_64 (default) or arm64. Must match the zip."
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }

  validation {
    # The packaging step names the zip after its architecture; a mismatch would only show at the first sign-in
    # (Runtime.InvalidEntrypoint), so refuse it here when the name says which one it is.
    condition = (
      !strcontains(basename(var.package_path), "x86_64") && !strcontains(basename(var.package_path), "arm64")
      ? true
      : strcontains(basename(var.package_path), var.architecture)
    )
    error_message = "architecture does not match the package: the zip's file name names the other architecture."
  }
}

variable "memory_size" {
  type        = number
  description = "Memory in MB. Lambda gives CPU in proportion to memory; 256 MB keeps cold start and TLS handshakes short for two HTTPS calls per sign-in (see README)."
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout" {
  type        = number
  description = "Function timeout in seconds. Cognito waits at most 5 s for a trigger, so more than 5 buys nothing."
  default     = 5

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 5 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds from 1 to 5: Cognito never waits longer than 5 s for a trigger."
  }
}

variable "reserved_concurrent_executions" {
  type        = number
  description = "Concurrency reserved for (and capping) the function; -1 leaves it unreserved. A cap protects the old pool's request quota during a sign-in storm."
  default     = -1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the function's log group, in days."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "log_group_kms_key_arn" {
  type        = string
  description = "Optional KMS key ARN to encrypt the log group with (its key policy must allow logs.<region>.amazonaws.com)."
  default     = null
}

variable "role_permissions_boundary" {
  type        = string
  description = "Optional ARN of a permissions boundary policy for the function's role."
  default     = null
}

variable "create_import_logs_role" {
  type        = bool
  description = "Create the role Cognito's user import job writes its CloudWatch logs with (trusts cognito-idp.amazonaws.com; logs:CreateLogGroup, CreateLogStream, DescribeLogStreams, PutLogEvents on log-group:/aws/cognito/* of this account and region). Its ARN is the output import_logs_role_arn, for `attrmapper sweep --logs-role-arn`."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags for every taggable resource."
  default     = {}
}

# ---------------------------------------------------------------------------------------------------------------------
# The old pool (DESIGN.md section 3)
# ---------------------------------------------------------------------------------------------------------------------

variable "old_user_pool_id" {
  type        = string
  description = "OLD_USER_POOL_ID: the pool users migrate from, e.g. eu-west-1_AbC123. Its region is the part before `_`."

  validation {
    condition     = can(regex("^[\\w-]+_[0-9a-zA-Z]+$", var.old_user_pool_id))
    error_message = "old_user_pool_id must look like <region>_<id>, e.g. eu-west-1_AbC123."
  }
}

variable "old_user_pool_arn" {
  type        = string
  description = "ARN of the old pool. Default: built from old_user_pool_id, the partition and the account (this account, or the account of old_pool_role_arn when set)."
  default     = null

  validation {
    condition = var.old_user_pool_arn == null ? true : can(regex(
      "^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:[0-9]{12}:userpool/${var.old_user_pool_id}$", var.old_user_pool_arn
    ))
    error_message = "old_user_pool_arn must be arn:<partition>:cognito-idp:<region>:<account>:userpool/<old_user_pool_id>."
  }
}

variable "old_client_id" {
  type        = string
  description = "OLD_CLIENT_ID: the old pool's app client with ALLOW_ADMIN_USER_PASSWORD_AUTH (a dedicated migration client)."

  validation {
    condition     = can(regex("^[\\w+]{1,128}$", var.old_client_id))
    error_message = "old_client_id must be a Cognito app client id (1-128 word characters)."
  }
}

variable "old_client_secret_parameter_name" {
  type        = string
  description = "OLD_CLIENT_SECRET_PARAMETER: name of the SecureString parameter (in this account and region) holding the old client's secret. Leave null when the client has no secret (recommended)."
  default     = null

  validation {
    condition     = var.old_client_secret_parameter_name == null ? true : (length(var.old_client_secret_parameter_name) <= 1011 && can(regex("^/?[A-Za-z0-9_.\\-/]+$", var.old_client_secret_parameter_name)))
    error_message = "old_client_secret_parameter_name must be a Parameter Store name such as /attrmapper/old-client-secret."
  }
}

variable "assume_old_pool_role" {
  type        = bool
  description = "true: every old-pool call goes through the role old_pool_role_arn (old pool in another account); the role gets sts:AssumeRole on it instead of the Cognito grant. A plan-time switch, so old_pool_role_arn may come from a resource in the same configuration."
  default     = false
}

variable "old_pool_role_arn" {
  type        = string
  description = "OLD_POOL_ROLE_ARN: role to assume for every old-pool call when the old pool lives in another account; required with assume_old_pool_role = true, refused otherwise. The output old_pool_role_policy_json is the policy that role needs."
  default     = null

  validation {
    condition     = var.assume_old_pool_role == (var.old_pool_role_arn != null)
    error_message = "Set old_pool_role_arn exactly when assume_old_pool_role is true."
  }

  validation {
    condition     = var.old_pool_role_arn == null ? true : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$", var.old_pool_role_arn))
    error_message = "old_pool_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "old_pool_external_id" {
  type        = string
  description = "OLD_POOL_EXTERNAL_ID: external id the role's trust policy requires. Only with old_pool_role_arn."
  default     = null

  validation {
    condition     = var.old_pool_external_id == null ? true : (var.assume_old_pool_role && length(var.old_pool_external_id) >= 2 && length(var.old_pool_external_id) <= 1224 && can(regex("^[\\w+=,.@:/-]+$", var.old_pool_external_id)))
    error_message = "old_pool_external_id needs assume_old_pool_role (and old_pool_role_arn), and must be 2-1224 characters of [\\w+=,.@:/-]."
  }
}

variable "alias_lookup" {
  type        = string
  description = "ALIAS_LOOKUP: off, email, phone_number or email,phone_number. When on, an unknown typed name shaped like that attribute is looked up with ListUsers (granted only then)."
  default     = "off"

  validation {
    condition     = contains(["off", "email", "phone_number", "email,phone_number"], var.alias_lookup)
    error_message = "alias_lookup must be one of: off, email, phone_number, email,phone_number."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# The new pool
# ---------------------------------------------------------------------------------------------------------------------

variable "new_user_pool_arn" {
  type        = string
  description = "ARN of the new pool, the only source allowed to invoke the function (aws_lambda_permission source_arn). Passing the pool resource's arn is fine: the function itself does not depend on it."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:[0-9]{12}:userpool/[\\w-]+_[0-9a-zA-Z]+$", var.new_user_pool_arn))
    error_message = "new_user_pool_arn must be arn:<partition>:cognito-idp:<region>:<account>:userpool/<pool id>."
  }
}

variable "new_user_pool_id" {
  type        = string
  description = "NEW_USER_POOL_ID: when set, events from any other pool are rejected without an upstream call. Give a known id (a string), never the new pool resource's id: that pool references this function, so the reference would be a cycle. Null leaves the guard off; the permission's source_arn still admits only the new pool."
  default     = null

  validation {
    condition     = var.new_user_pool_id == null ? true : can(regex("^[\\w-]+_[0-9a-zA-Z]+$", var.new_user_pool_id))
    error_message = "new_user_pool_id must look like <region>_<id>, e.g. eu-west-1_XyZ789."
  }
}

variable "groups_enabled" {
  type        = bool
  description = "true: the map carries a `groups` section (DESIGN.md sections 4, 5). The role gets cognito-idp:AdminListGroupsForUser on the old pool and AdminAddUserToGroup, AdminDeleteUserAttributes, DescribeUserPool on new_user_pool_arn; the output lambda_config names the function for the new pool's pre token generation (V1_0), post authentication and post confirmation triggers too. Needs the key parameter (create_key_parameter or key_parameter_name)."
  default     = false

  validation {
    condition     = !var.groups_enabled || var.create_key_parameter || var.key_parameter_name != null
    error_message = "groups_enabled needs the function's key (KEY_PARAMETER): keep create_key_parameter = true or give key_parameter_name."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# The attribute map (DESIGN.md section 4)
# ---------------------------------------------------------------------------------------------------------------------

variable "map_parameter_name" {
  type        = string
  description = "MAP_PARAMETER_NAME: Parameter Store name of the attribute map. Default: /<name>/attribute-map."
  default     = null

  validation {
    condition     = var.map_parameter_name == null ? true : (length(var.map_parameter_name) <= 1011 && can(regex("^/[A-Za-z0-9_.\\-/]+$", var.map_parameter_name)))
    error_message = "map_parameter_name must be a hierarchical Parameter Store name starting with /, e.g. /attrmapper/attribute-map."
  }
}

variable "map_document" {
  type        = string
  description = "The initial attribute map, as a JSON string. Give exactly one of map_document and map_document_file."
  default     = null
}

variable "map_document_file" {
  type        = string
  description = "Path of a JSON file holding the initial attribute map. Give exactly one of map_document and map_document_file."
  default     = null

  validation {
    condition     = (var.map_document == null) != (var.map_document_file == null)
    error_message = "Give exactly one of map_document and map_document_file."
  }

  validation {
    # Only the shape Terraform can know; the function validates the whole document (every rule, with JSON paths).
    condition = try(
      jsondecode(var.map_document_file != null ? file(var.map_document_file) : var.map_document).version == 1 &&
      length(jsondecode(var.map_document_file != null ? file(var.map_document_file) : var.map_document).rules) >= 0,
      false
    )
    error_message = "The attribute map must be a JSON object with \"version\": 1 and a \"rules\" list (DESIGN.md section 4)."
  }
}

variable "map_parameter_type" {
  type        = string
  description = "Type of the map parameter: String (default) or SecureString (encrypted with kms_key_arn, or the account's aws/ssm key)."
  default     = "String"

  validation {
    condition     = contains(["String", "SecureString"], var.map_parameter_type)
    error_message = "map_parameter_type must be String or SecureString."
  }
}

variable "map_parameter_tier" {
  type        = string
  description = "Tier of the map parameter: Standard (4 KB value, free) or Advanced (8 KB)."
  default     = "Standard"

  validation {
    condition     = contains(["Standard", "Advanced"], var.map_parameter_tier)
    error_message = "map_parameter_tier must be Standard or Advanced."
  }
}

variable "map_managed_externally" {
  type        = bool
  description = "true (default): Terraform creates the parameter with the initial map and then ignores its value, so edits made in Parameter Store (the designed way to change the map) survive the next apply. false: Terraform owns the value and reverts outside edits. Choose before the first apply; switching later needs `terraform state mv` between aws_ssm_parameter.map_external[0] and aws_ssm_parameter.map[0]."
  default     = true
}

variable "map_cache_ttl_seconds" {
  type        = number
  description = "MAP_CACHE_TTL_SECONDS: how long a container uses a loaded map before re-reading it; also how long a Parameter Store edit takes to apply everywhere."
  default     = 60

  validation {
    condition     = var.map_cache_ttl_seconds >= 0 && floor(var.map_cache_ttl_seconds) == var.map_cache_ttl_seconds
    error_message = "map_cache_ttl_seconds must be a whole number >= 0."
  }
}

variable "use_kms_key" {
  type        = bool
  description = "true: the SecureString parameters (map, client secret, key) are encrypted with the customer-managed key kms_key_arn and the role gets kms:Decrypt on it, only via SSM. false: they use the aws/ssm key, which needs no grant. A plan-time switch, so kms_key_arn may come from a resource in the same configuration."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of the customer-managed KMS key of the SecureString parameters; required with use_kms_key = true, refused otherwise."
  default     = null

  validation {
    condition     = var.use_kms_key == (var.kms_key_arn != null)
    error_message = "Set kms_key_arn exactly when use_kms_key is true."
  }

  validation {
    condition     = var.kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias: IAM matches the key ARN."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Behaviour
# ---------------------------------------------------------------------------------------------------------------------

variable "migration_deadline_ms" {
  type        = number
  description = "MIGRATION_DEADLINE_MS: the function answers within this many ms, so Cognito never times out and retries (which would double the old pool's lockout count). Must be below timeout * 1000."
  default     = 4000

  validation {
    condition     = var.migration_deadline_ms >= 100 && floor(var.migration_deadline_ms) == var.migration_deadline_ms && var.migration_deadline_ms < var.timeout * 1000
    error_message = "migration_deadline_ms must be a whole number >= 100 and below timeout * 1000."
  }
}

variable "log_usernames" {
  type        = bool
  description = "LOG_USERNAMES: log usernames in clear. Default false: logs carry only a keyed hash."
  default     = false
}

# ---------------------------------------------------------------------------------------------------------------------
# The function's own key (DESIGN.md section 3, KEY_PARAMETER)
# ---------------------------------------------------------------------------------------------------------------------

variable "create_key_parameter" {
  type        = bool
  description = "true (default): the module creates the SecureString parameter KEY_PARAMETER names and writes a fresh random key into it write-only (value_wo), so the key is in no plan and no state. false: use an existing parameter, key_parameter_name (or none, when that is null too)."
  default     = true
}

variable "key_parameter_name" {
  type        = string
  description = "KEY_PARAMETER: the SecureString parameter (this account and region) holding the function's key (>= 32 random bytes, base64), which keys the username hash in the logs and authenticates the groups marker. With create_key_parameter: the name to create, default /<name>/key. Without: an existing parameter's name, or null for no key (then usernames are hashed without a secret and groups cannot be on)."
  default     = null

  validation {
    condition     = var.key_parameter_name == null ? true : (length(var.key_parameter_name) <= 1011 && can(regex("^/?[A-Za-z0-9_.\\-/]+$", var.key_parameter_name)))
    error_message = "key_parameter_name must be a Parameter Store name such as /attrmapper/key."
  }
}

variable "key_parameter_version" {
  type        = number
  description = "Version of the created key (value_wo_version): raising it writes a new random key. A new key changes every username hash and invalidates every groups marker not yet settled (those users keep their groups only through a lookup), so rotate only when no marker is pending. Only with create_key_parameter."
  default     = 1

  validation {
    condition     = var.key_parameter_version >= 1 && floor(var.key_parameter_version) == var.key_parameter_version
    error_message = "key_parameter_version must be a whole number >= 1."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Monitoring
# ---------------------------------------------------------------------------------------------------------------------

variable "create_dashboard" {
  type        = bool
  description = "Create the CloudWatch dashboard (outcomes, rejections by reason, faults, duration p50/p99)."
  default     = true
}

variable "create_alarms" {
  type        = bool
  description = "Create the alarms: any fault, p99 duration near the deadline, map refresh failures, Lambda Errors and Throttles."
  default     = true
}

variable "create_alarm_topic" {
  type        = bool
  description = "Create an SNS topic that receives every alarm and OK transition (subscribe to it yourself)."
  default     = false
}

variable "alarm_topic_kms_key_id" {
  type        = string
  description = "Optional KMS key for the created SNS topic. Its key policy must allow cloudwatch.amazonaws.com; the AWS-managed aws/sns key does not."
  default     = null
}

variable "alarm_actions" {
  type        = list(string)
  description = "Extra ARNs (SNS topics, ...) notified on alarm and on OK."
  default     = []
}

variable "duration_alarm_ratio" {
  type        = number
  description = "The duration alarm fires when DurationMs p99 reaches this fraction of migration_deadline_ms."
  default     = 0.8

  validation {
    condition     = var.duration_alarm_ratio > 0 && var.duration_alarm_ratio <= 1
    error_message = "duration_alarm_ratio must be in (0, 1]."
  }
}
