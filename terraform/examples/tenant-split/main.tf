# One multi-tenant old pool split into one new pool per tenant (issue 12): per tenant a new pool, its app client and
# one AttrMapper module instance (function, role, map parameter whose `select` takes only that tenant's users), all
# from one for_each over var.tenants (module "tenant", modules/tenant). One shared migration client on the old pool.
#
# Why the per-tenant resources sit in a wrapper module: with `module "attrmapper" { for_each = var.tenants }` beside
# `aws_cognito_user_pool.tenant`, the pool's `module.attrmapper[each.key].function_arn` is a dynamic index, which
# Terraform resolves as a reference to the whole module call (every output of every instance). The module's
# invoke_permission output names the pool's ARN, so that is a cycle ("module.attrmapper (close)" ->
# aws_cognito_user_pool.tenant -> var.new_user_pool_arn -> ... -> module.attrmapper (close)). Inside modules/tenant
# the references are static (module.attrmapper.function_arn, one output), exactly the acyclic wiring of
# examples/complete: pool -> function; permission and grants -> pool. Nothing of tenant k names tenant j.

provider "aws" {
  region = var.region
}

locals {
  base_map = jsondecode(file("${path.module}/attribute-map.json"))

  # Each tenant's map: the shared rules plus its own select (DESIGN.md section 4).
  tenant_maps = {
    for k, t in var.tenants : k => merge(local.base_map, {
      select = { attribute = var.tenant_attribute, in = t.values }
    })
  }

  old_user_pool_id = var.existing_old_user_pool_id != null ? var.existing_old_user_pool_id : aws_cognito_user_pool.old[0].id
}

# ---------------------------------------------------------------------------------------------------------------------
# The old pool (demo; or an existing one) and the one migration client every tenant's function uses
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
}

resource "aws_cognito_user_pool_client" "old_migration" {
  name                          = "${var.name}-migration"
  user_pool_id                  = local.old_user_pool_id
  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}

# ---------------------------------------------------------------------------------------------------------------------
# Per tenant: function, new pool, app client
# ---------------------------------------------------------------------------------------------------------------------

module "tenant" {
  source   = "./modules/tenant"
  for_each = var.tenants

  name         = "${var.name}-${each.key}"
  package_path = var.package_path
  architecture = var.architecture

  old_user_pool_id = local.old_user_pool_id
  old_client_id    = aws_cognito_user_pool_client.old_migration.id
  map_document     = jsonencode(local.tenant_maps[each.key])
}
