data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  log_group_name = "/aws/lambda/${var.name}"
  # The user import job's log groups (iam.tf, import_logs).
  import_logs_resource = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/cognito/*"
  # Built, not read from the log group resource, so the policy is known at plan time (and testable there).
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"

  # The old pool's region is the part of its id before `_`; its account is the role's when the pool is elsewhere.
  old_pool_region  = split("_", var.old_user_pool_id)[0]
  old_pool_account = var.assume_old_pool_role ? split(":", var.old_pool_role_arn)[4] : local.account_id
  old_user_pool_arn = coalesce(
    var.old_user_pool_arn,
    "arn:${local.partition}:cognito-idp:${local.old_pool_region}:${local.old_pool_account}:userpool/${var.old_user_pool_id}",
  )

  map_parameter_name = coalesce(var.map_parameter_name, "/${var.name}/attribute-map")
  map_document       = var.map_document_file != null ? file(var.map_document_file) : var.map_document
  map_has_groups     = can(jsondecode(local.map_document).groups)

  # A parameter's ARN drops the name's leading slash: /a/b -> parameter/a/b, a -> parameter/a.
  map_parameter_arn = "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.map_parameter_name, "/")}"
  client_secret_parameter_arn = (
    var.old_client_secret_parameter_name == null ? null :
    "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(var.old_client_secret_parameter_name, "/")}"
  )

  # KEY_PARAMETER: the created parameter, an existing one, or none.
  key_parameter_name = var.create_key_parameter ? coalesce(var.key_parameter_name, "/${var.name}/key") : var.key_parameter_name
  key_parameter_arn = (
    local.key_parameter_name == null ? null :
    "arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter/${trimprefix(local.key_parameter_name, "/")}"
  )
  # The parameters the function reads: the grants (ssm, kms) name exactly these.
  parameter_arns = compact([local.map_parameter_arn, local.client_secret_parameter_arn, local.key_parameter_arn])

  # DESIGN.md section 3. No secret here: a sensitive value anywhere in this map makes every plan hide the whole
  # environment. Secrets live in parameters the function reads (KEY_PARAMETER, OLD_CLIENT_SECRET_PARAMETER). Optional variables are left out rather than set empty, so the function's defaults apply.
  environment = merge(
    {
      OLD_USER_POOL_ID      = var.old_user_pool_id
      OLD_CLIENT_ID         = var.old_client_id
      MAP_PARAMETER_NAME    = local.map_parameter_name
      MAP_CACHE_TTL_SECONDS = tostring(var.map_cache_ttl_seconds)
      MIGRATION_DEADLINE_MS = tostring(var.migration_deadline_ms)
      ALIAS_LOOKUP          = var.alias_lookup
      LOG_USERNAMES         = tostring(var.log_usernames)
    },
    var.old_client_secret_parameter_name == null ? {} : { OLD_CLIENT_SECRET_PARAMETER = var.old_client_secret_parameter_name },
    var.assume_old_pool_role ? { OLD_POOL_ROLE_ARN = var.old_pool_role_arn } : {},
    var.old_pool_external_id == null ? {} : { OLD_POOL_EXTERNAL_ID = var.old_pool_external_id },
    var.new_user_pool_id == null ? {} : { NEW_USER_POOL_ID = var.new_user_pool_id },
    local.key_parameter_name == null ? {} : { KEY_PARAMETER = local.key_parameter_name },
  )
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = "Cognito User Migration trigger: migrates users from ${var.old_user_pool_id} (AttrMapper)"
  role          = aws_iam_role.this.arn

  package_type     = "Zip"
  filename         = var.package_path
  source_code_hash = filebase64sha256(var.package_path)
  runtime          = "provided.al2023"
  handler          = "bootstrap"
  architectures    = [var.architecture]

  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrent_executions

  environment {
    variables = local.environment
  }

  tags = var.tags

  # The log group must exist first (or Lambda creates one without retention), and the role's grants and the map
  # before the first invocation.
  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.logs,
    aws_iam_role_policy.ssm,
    aws_iam_role_policy.cognito,
    aws_iam_role_policy.kms,
    aws_iam_role_policy.sts,
    aws_ssm_parameter.map,
    aws_ssm_parameter.map_external,
    aws_ssm_parameter.key,
  ]
}

# Only the new pool, in this account, may invoke the function. A separate resource, so the new pool can reference the
# function's ARN while this permission references the pool's ARN without a cycle. One permission covers every trigger
# of that pool (user migration and, with groups, pre token generation, post authentication, post confirmation): a
# Lambda permission admits a principal and a source, not a trigger, so one per trigger would grant nothing more.
resource "aws_lambda_permission" "this" {
  statement_id   = "AllowCognitoUserMigration"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "cognito-idp.amazonaws.com"
  source_arn     = var.new_user_pool_arn
  source_account = local.account_id
}

# Two variants, because lifecycle.ignore_changes cannot depend on a variable. Exactly one exists.
resource "aws_ssm_parameter" "map" {
  count = var.map_managed_externally ? 0 : 1

  name        = local.map_parameter_name
  description = "AttrMapper attribute map (DESIGN.md section 4), owned by Terraform: edits outside Terraform are reverted."
  type        = var.map_parameter_type
  tier        = var.map_parameter_tier
  key_id      = var.map_parameter_type == "SecureString" && var.use_kms_key ? var.kms_key_arn : null
  value       = local.map_document
  tags        = var.tags

  lifecycle {
    precondition {
      condition     = length(local.map_document) <= (var.map_parameter_tier == "Standard" ? 4096 : 8192)
      error_message = "The attribute map is larger than the ${var.map_parameter_tier} tier allows (4 KB Standard, 8 KB Advanced)."
    }

    # A map with `groups` and no groups grants/triggers would leave every marker unsettled.
    precondition {
      condition     = !local.map_has_groups || var.groups_enabled
      error_message = "The attribute map has a groups section: set groups_enabled = true (grants and the new pool's other triggers)."
    }
  }
}

resource "aws_ssm_parameter" "map_external" {
  count = var.map_managed_externally ? 1 : 0

  name        = local.map_parameter_name
  description = "AttrMapper attribute map (DESIGN.md section 4), seeded by Terraform and edited in Parameter Store."
  type        = var.map_parameter_type
  tier        = var.map_parameter_tier
  key_id      = var.map_parameter_type == "SecureString" && var.use_kms_key ? var.kms_key_arn : null
  value       = local.map_document
  tags        = var.tags

  lifecycle {
    ignore_changes = [value]

    precondition {
      condition     = length(local.map_document) <= (var.map_parameter_tier == "Standard" ? 4096 : 8192)
      error_message = "The attribute map is larger than the ${var.map_parameter_tier} tier allows (4 KB Standard, 8 KB Advanced)."
    }

    # A map with `groups` and no groups grants/triggers would leave every marker unsettled.
    precondition {
      condition     = !local.map_has_groups || var.groups_enabled
      error_message = "The attribute map has a groups section: set groups_enabled = true (grants and the new pool's other triggers)."
    }
  }
}

# The function's key (KEY_PARAMETER), written write-only: value_wo is sent to Parameter Store on create and whenever
# key_parameter_version changes, and is kept in neither the plan nor the state.
#
# Where the random bytes come from: the idiomatic source, an ephemeral random value (ephemeral "random_password" or
# the aws provider's ephemeral "aws_secretsmanager_random_password"), is not usable here. The hashicorp/random provider
# is not in the offline mirror, and Terraform 1.11's mock providers refuse every ephemeral resource ("The provider
# mocking mechanism does not yet support ephemeral resource types"), so no offline test could plan the module with it.
# Terraform's uuid() draws 122 bits from crypto/rand (hashicorp/go-uuid) on every evaluation: three of them, dashes
# removed and base64-encoded, give a 128-character base64 value of 96 bytes carrying 366 random bits (the function
# needs >= 32 bytes; it derives its keys from the decoded bytes). uuid() is unknown at plan and re-evaluated on every
# apply, but a write-only value is only sent when the version changes, so the stored key stays put.
resource "aws_ssm_parameter" "key" {
  count = var.create_key_parameter ? 1 : 0

  name             = local.key_parameter_name
  description      = "AttrMapper's own key (KEY_PARAMETER): keys the username hash in the logs and the groups marker. Written once by Terraform, write-only."
  type             = "SecureString"
  tier             = "Standard"
  key_id           = var.use_kms_key ? var.kms_key_arn : null
  value_wo         = base64encode(replace(join("", [uuid(), uuid(), uuid()]), "-", ""))
  value_wo_version = var.key_parameter_version
  tags             = var.tags
}
