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
  # migrated user (checked by the precondition on the new pool). With groups, the map's marker is one more.
  new_pool_custom_attributes = concat(["tenant_id", "legacy_sub", "plan"], var.groups_enabled ? [local.marker_attribute] : [])

  # The groups marker (DESIGN.md section 5): a custom String attribute, mutable (the function deletes it once the
  # memberships are settled). No app client may write it, and none may write what the migration sets for the user
  # (tenant, plan, legacy id): every client gets this explicit list of profile attributes instead of the default
  # "all writable attributes".
  marker_attribute = "pending_groups"
  app_client_write_attributes = [
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname",
    "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
  ]

  # Groups of the demo old pool, and of the new pool: every group the map's groups rules produce (copy X, rename to Y,
  # add Y) must exist in the new pool, or the function skips it for good (group_missing).
  old_groups = {
    admins         = "Administrators"
    staff          = "Staff (renamed to employees in the new pool)"
    "beta-testers" = "Beta testers (not carried over)"
  }
  new_groups = {
    admins    = { description = "Administrators", precedence = 1 }
    employees = { description = "Employees (staff in the old pool)", precedence = 10 }
    migrated  = { description = "Every user AttrMapper migrated", precedence = 100 }
  }
  map_group_targets = toset([
    for r in try(local.attribute_map.groups.rules, []) :
    try(r.op == "copy" ? r.from : (contains(["rename", "add"], r.op) ? r.to : ""), "") if try(r.op != "drop", false)
  ])
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

  # Grants the group calls on the two pools and names the function for the new pool's other triggers (lambda_config).
  # The module creates the key parameter (KEY_PARAMETER) the marker is authenticated with.
  groups_enabled = var.groups_enabled

  create_alarm_topic = true

  # The role the cutover sweep's user import job logs with (attrmapper sweep --logs-role-arn).
  create_import_logs_role = true
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

  # Removing the block (window closed) removes the triggers from the pool. With groups, the same function also runs
  # pre token generation (V1 event: the first session's tokens carry the groups), post authentication and post
  # confirmation (the memberships are added and the marker deleted). Run `attrmapper groups settle` before closing.
  dynamic "lambda_config" {
    for_each = var.migration_window_open ? [module.attrmapper.lambda_config] : []
    content {
      user_migration      = lambda_config.value.user_migration
      post_authentication = lambda_config.value.post_authentication
      post_confirmation   = lambda_config.value.post_confirmation

      dynamic "pre_token_generation_config" {
        for_each = var.groups_enabled ? [lambda_config.value.pre_token_generation_config] : []
        content {
          lambda_arn     = pre_token_generation_config.value.lambda_arn
          lambda_version = pre_token_generation_config.value.lambda_version
        }
      }
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
        # The marker holds up to 2048 characters (DESIGN.md section 5).
        max_length = schema.value == local.marker_attribute ? 2048 : 128
      }
    }
  }

  lifecycle {
    precondition {
      condition     = length(setsubtract(local.map_custom_targets, [for a in local.new_pool_custom_attributes : "custom:${a}"])) == 0
      error_message = "The attribute map writes custom attributes the new pool does not have: ${join(", ", setsubtract(local.map_custom_targets, [for a in local.new_pool_custom_attributes : "custom:${a}"]))}."
    }
    precondition {
      condition     = !var.groups_enabled || try(local.attribute_map.groups.marker, "") == "custom:${local.marker_attribute}"
      error_message = "With groups, the map's groups.marker must be custom:${local.marker_attribute}, the new pool's marker attribute."
    }
    precondition {
      condition     = length(setsubtract(local.map_group_targets, keys(local.new_groups))) == 0
      error_message = "The map's groups rules produce groups the new pool does not have: ${join(", ", setsubtract(local.map_group_targets, keys(local.new_groups)))}."
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

  # Never the marker (a user writing it through UpdateUserAttributes gains nothing, the tag does not verify, but it
  # raises MarkersRejected), nor the custom attributes the migration sets.
  write_attributes = local.app_client_write_attributes
}

# ---------------------------------------------------------------------------------------------------------------------
# Groups in both pools (demo groups in the demo old pool; an existing old pool keeps its own)
# ---------------------------------------------------------------------------------------------------------------------

resource "aws_cognito_user_group" "old" {
  for_each = var.existing_old_user_pool_id == null ? local.old_groups : {}

  user_pool_id = local.old_user_pool_id
  name         = each.key
  description  = each.value
}

resource "aws_cognito_user_group" "new" {
  for_each = var.groups_enabled ? local.new_groups : {}

  user_pool_id = aws_cognito_user_pool.new.id
  name         = each.key
  description  = each.value.description
  precedence   = each.value.precedence
}
