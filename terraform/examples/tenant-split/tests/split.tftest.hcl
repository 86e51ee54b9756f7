# examples/tenant-split with two and with three tenants: each tenant's pool calls its own function, each function may
# be invoked by its own pool only, each role's grants name only its own pool's parameters and the shared old pool,
# each map selects only its own tenant. Nothing of one tenant names another's. Plans and applies against mocks; the
# overrides give every tenant's pool and function a distinct id/ARN, so a cross-wired reference shows.
# Run through terraform/test.sh (it passes -var package_path=<dummy zip>).

mock_provider "aws" {
  source = "../../tests/mocks"

  mock_data "aws_region" {
    defaults = { name = "eu-central-1" }
  }
}

override_resource {
  target = aws_cognito_user_pool.old[0]
  values = { id = "eu-central-1_OldPool1", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_OldPool1" }
}

override_resource {
  target = aws_cognito_user_pool_client.old_migration
  values = { id = "1example23456789migration" }
}

override_resource {
  target = module.tenant["acme"].aws_cognito_user_pool.this
  values = { id = "eu-central-1_Acme0001", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_Acme0001" }
}

override_resource {
  target = module.tenant["globex"].aws_cognito_user_pool.this
  values = { id = "eu-central-1_Globex02", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_Globex02" }
}

override_resource {
  target = module.tenant["initech"].aws_cognito_user_pool.this
  values = { id = "eu-central-1_Initech3", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_Initech3" }
}

override_resource {
  target = module.tenant["acme"].module.attrmapper.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-central-1:111122223333:function:attrmapper-acme" }
}

override_resource {
  target = module.tenant["globex"].module.attrmapper.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-central-1:111122223333:function:attrmapper-globex" }
}

override_resource {
  target = module.tenant["initech"].module.attrmapper.aws_lambda_function.this
  values = { arn = "arn:aws:lambda:eu-central-1:111122223333:function:attrmapper-initech" }
}

run "two_tenants" {
  command = apply

  assert {
    condition     = keys(output.tenants) == ["acme", "globex"]
    error_message = "one instance per tenant"
  }
  assert {
    condition = alltrue([
      for k, t in output.tenants :
      t.user_migration_trigger == t.function_arn && endswith(t.function_arn, ":function:attrmapper-${k}") && t.function_name == "attrmapper-${k}"
    ])
    error_message = "each tenant's pool calls its own function: ${jsonencode({ for k, t in output.tenants : k => [t.user_migration_trigger, t.function_arn] })}"
  }
  assert {
    condition = alltrue([
      for k, t in output.tenants :
      t.invoke_permission == { principal = "cognito-idp.amazonaws.com", source_arn = t.new_user_pool_arn, source_account = "111122223333" }
    ])
    error_message = "each function may be invoked by its own pool only: ${jsonencode({ for k, t in output.tenants : k => t.invoke_permission })}"
  }
  assert {
    # Every granted resource is the shared old pool, or this tenant's own log group / parameters; never another
    # tenant's pool, function, log group or parameter, never a wildcard.
    condition = alltrue(flatten([
      for k, t in output.tenants : [
        for name, statements in t.role_grants : [
          for st in statements : [
            for r in st.resources :
            r == "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_OldPool1" ||
            contains([
              "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper-${k}",
              "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper-${k}:*",
              "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper-${k}/attribute-map",
              "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper-${k}/key",
            ], r)
          ]
        ]
      ]
    ]))
    error_message = "a tenant's role is granted something outside its own scope: ${jsonencode({ for k, t in output.tenants : k => t.role_grants })}"
  }
  assert {
    condition = alltrue([
      for k, t in output.tenants :
      toset(keys(t.role_grants)) == toset(["logs", "ssm-parameters", "cognito-old-pool"]) &&
      t.role_grants["cognito-old-pool"] == [{
        actions   = toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"])
        resources = toset(["arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_OldPool1"])
      }]
    ])
    error_message = "each role: logs, its parameters, the old pool's sign-in and read only"
  }
  assert {
    condition = (
      jsonencode(output.tenants["acme"].select) == jsonencode({ attribute = "custom:tenant", in = ["acme", "acme-eu"] }) &&
      jsonencode(output.tenants["globex"].select) == jsonencode({ attribute = "custom:tenant", in = ["globex"] }) &&
      alltrue([for k, t in output.tenants : t.map_parameter_name == "/attrmapper-${k}/attribute-map"])
    )
    error_message = "each tenant's own map parameter selects only its tenant: ${jsonencode({ for k, t in output.tenants : k => t.select })}"
  }
  assert {
    condition = alltrue([
      for k, t in output.tenants :
      t.app_client.user_pool_id == t.new_user_pool_id && toset(t.app_client.explicit_auth_flows) == toset(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    ])
    error_message = "one app client per tenant, on its own pool"
  }
  assert {
    condition = (
      aws_cognito_user_pool_client.old_migration.user_pool_id == "eu-central-1_OldPool1" &&
      toset(aws_cognito_user_pool_client.old_migration.explicit_auth_flows) == toset(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    )
    error_message = "one shared migration client on the old pool"
  }
  assert {
    condition     = length(distinct([for t in output.tenants : t.new_user_pool_arn])) == 2
    error_message = "two distinct pools"
  }
}

run "three_tenants" {
  command = apply

  variables {
    tenants = {
      acme    = { values = ["acme", "acme-eu"] }
      globex  = { values = ["globex"] }
      initech = { values = ["initech", "initrode"] }
    }
  }

  assert {
    condition     = keys(output.tenants) == ["acme", "globex", "initech"] && length(distinct([for t in output.tenants : t.new_user_pool_arn])) == 3
    error_message = "three tenants, three pools"
  }
  assert {
    condition = alltrue([
      for k, t in output.tenants :
      t.user_migration_trigger == t.function_arn && endswith(t.function_arn, ":function:attrmapper-${k}") &&
      t.invoke_permission.source_arn == t.new_user_pool_arn &&
      # no other tenant's pool id anywhere in this tenant's grants or permission
      alltrue([for j, o in output.tenants : j == k || !strcontains(jsonencode([t.role_grants, t.invoke_permission, t.user_migration_trigger]), o.new_user_pool_id)]) &&
      alltrue([for j, o in output.tenants : j == k || !strcontains(jsonencode([t.role_grants, t.invoke_permission, t.user_migration_trigger]), "attrmapper-${j}")])
    ])
    error_message = "a tenant names another tenant's pool or function: ${jsonencode(output.tenants)}"
  }
  assert {
    condition     = jsonencode(output.tenants["initech"].select) == jsonencode({ attribute = "custom:tenant", in = ["initech", "initrode"] })
    error_message = "the third tenant selects its own values"
  }
}

run "a_value_in_two_tenants_is_refused" {
  command = plan

  variables {
    tenants = {
      acme   = { values = ["acme", "shared"] }
      globex = { values = ["globex", "shared"] }
    }
  }

  expect_failures = [var.tenants]
}
