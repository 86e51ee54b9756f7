# A complete migration: the old pool with a dedicated migration client, the new pool calling AttrMapper, the module.
#
# The cycle, and how it is broken:
#   new pool --lambda_config.user_migration--> function ARN      (module output function_arn)
#   permission --source_arn-->                 new pool ARN      (module input new_user_pool_arn)
# Terraform resolves module inputs and outputs one by one, so this is no cycle: the function does not depend on the
# pool, only the module's aws_lambda_permission does. The function's NEW_USER_POOL_ID would close the loop, so it
# comes from var.new_user_pool_id, a literal you fill in after the first apply (the guard is optional: the
# permission already admits only this pool).

provider "aws" {
  region = var.region
}

locals {
  attribute_map_file = coalesce(var.attribute_map_file, "${path.module}/attribute-map.json")
  attribute_map      = jsondecode(file(local.attribute_map_file))

  # Custom attributes of the new pool. Every custom target of the map must be one of them, or Cognito refuses the
  # migrated user (checked by the precondition on the new pool).
  new_pool_custom_attributes = ["tenant_id", "legacy_sub", "plan"]
  # Targets: copy X writes X; rename and default write `to`. A malformed rule counts as no target here (the function
  # refuses the whole map anyway).
  map_targets        = [for r in local.attribute_map.rules : try(r.op == "copy" ? r.from : (contains(["rename", "default"], r.op) ? r.to : ""), "")]
  map_custom_targets = toset([for t in local.map_targets : t if startswith(t, "custom:")])

  old_user_pool_id = var.existing_old_user_pool_id != null ? var.existing_old_user_pool_id : aws_cognito_user_pool.old[0].id
}

# ---------------------------------------------------------------------------------------------------------------------
# The old pool (demo; or an existing one) and its dedicated migration client
# ---------------------------------------------------------------------------------------------------------------------

resource "aws_cognito_user_pool" "old" {
  count = var.existing_old_user_pool_id == null ? 1 : 0

  name = "${var.name}-old"

  username_configuration {
    case_sensitive = false
  }

  schema {
    name                = "tenant"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 0
      max_length = 64
    }
  }

  schema {
    name                = "internal_flag"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 0
      max_length = 16
    }
  }
}

# Used only by the function: server-side password check (ADMIN_USER_PASSWORD_AUTH) and nothing else. No secret, so no
# SECRET_HASH and no secret parameter to manage. Delete it when the migration is over.
resource "aws_cognito_user_pool_client" "old_migration" {
  name                          = "${var.name}-migration"
  user_pool_id                  = local.old_user_pool_id
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}

# ---------------------------------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------------------------------

module "attrmapper" {
  source = "../.."

  name         = var.name
  package_path = var.package_path
  architecture = var.architecture

  old_user_pool_id = local.old_user_pool_id
  old_client_id    = aws_cognito_user_pool_client.old_migration.id
  alias_lookup     = var.alias_lookup

  new_user_pool_arn = aws_cognito_user_pool.new.arn
  new_user_pool_id  = var.new_user_pool_id

  map_document_file = local.attribute_map_file

  create_alarm_topic = true
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = module.attrmapper.alarm_topic_arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# ---------------------------------------------------------------------------------------------------------------------
# The new pool and the app client the applications use
# ---------------------------------------------------------------------------------------------------------------------

resource "aws_cognito_user_pool" "new" {
  name = "${var.name}-new"

  username_configuration {
    case_sensitive = false
  }

  auto_verified_attributes = ["email"]

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  # Removing the block (window closed) removes the trigger from the pool.
  dynamic "lambda_config" {
    for_each = var.migration_window_open ? [module.attrmapper.function_arn] : []
    content {
      user_migration = lambda_config.value
    }
  }

  dynamic "schema" {
    for_each = toset(local.new_pool_custom_attributes)
    content {
      name                = schema.value
      attribute_data_type = "String"
      mutable             = true
      string_attribute_constraints {
        min_length = 0
        max_length = 128
      }
    }
  }

  lifecycle {
    precondition {
      condition     = length(setsubtract(local.map_custom_targets, [for a in local.new_pool_custom_attributes : "custom:${a}"])) == 0
      error_message = "The attribute map writes custom attributes the new pool does not have: ${join(", ", setsubtract(local.map_custom_targets, [for a in local.new_pool_custom_attributes : "custom:${a}"]))}."
    }
  }
}

# Cognito calls the migration trigger only for USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH sign-ins (and forgot
# password), never for SRP: the password never reaches Cognito in SRP. So during the window the app client allows
# USER_PASSWORD_AUTH (and the apps must use it); when the window closes it goes back to SRP.
resource "aws_cognito_user_pool_client" "new" {
  name            = "${var.name}-app"
  user_pool_id    = aws_cognito_user_pool.new.id
  generate_secret = false
  explicit_auth_flows = var.migration_window_open ? [
    "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
    ] : [
    "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
  ]
  # Unknown user, wrong password and rejected migration all get the same answer: no enumeration.
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}
