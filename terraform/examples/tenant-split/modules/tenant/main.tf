# One tenant of examples/tenant-split: its new pool, its app client and its AttrMapper instance. The references
# between them are static, so pool -> function and permission -> pool do not form a cycle (see ../../main.tf).

module "attrmapper" {
  source = "../../../.."

  name         = var.name
  package_path = var.package_path
  architecture = var.architecture

  old_user_pool_id = var.old_user_pool_id
  old_client_id    = var.old_client_id

  # Only this tenant's pool may invoke this tenant's function.
  new_user_pool_arn = aws_cognito_user_pool.this.arn

  map_document = var.map_document
}

resource "aws_cognito_user_pool" "this" {
  name = var.name

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

  lambda_config {
    user_migration = module.attrmapper.function_arn
  }

  schema {
    name                = "legacy_sub"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      min_length = 0
      max_length = 128
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  name                          = "${var.name}-app"
  user_pool_id                  = aws_cognito_user_pool.this.id
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  write_attributes = [
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name", "nickname",
    "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
  ]
}
