# The example wires together without a cycle: the new pool calls the function, the permission names the pool, the
# map's custom targets exist in the new pool, and closing the window removes the trigger and returns to SRP.
# Run through terraform/test.sh (it passes -var package_path=<dummy zip>).

mock_provider "aws" {
  source = "../../tests/mocks"
}

override_data {
  target = module.attrmapper.data.aws_region.current
  values = { name = "eu-central-1" }
}

override_resource {
  target = aws_cognito_user_pool.old[0]
  values = { id = "eu-central-1_OldPool1", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_OldPool1" }
}

override_resource {
  target = aws_cognito_user_pool.new
  values = { id = "eu-central-1_NewPool9", arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9" }
}

override_resource {
  target = aws_cognito_user_pool_client.old_migration
  values = { id = "1example23456789migration" }
}

run "window_open" {
  command = apply

  assert {
    condition     = aws_cognito_user_pool.new.lambda_config[0].user_migration == module.attrmapper.function_arn
    error_message = "the new pool must call the module's function as its user migration trigger"
  }
  assert {
    condition     = toset(aws_cognito_user_pool_client.new.explicit_auth_flows) == toset(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    error_message = "during the window the app client allows USER_PASSWORD_AUTH (SRP never triggers migration)"
  }
  assert {
    condition     = aws_cognito_user_pool_client.new.prevent_user_existence_errors == "ENABLED"
    error_message = "the new app client must hide user existence"
  }
  assert {
    condition     = toset(aws_cognito_user_pool_client.old_migration.explicit_auth_flows) == toset(["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]) && aws_cognito_user_pool_client.old_migration.generate_secret == false
    error_message = "the old pool's migration client: admin password auth, refresh, no secret"
  }
  assert {
    condition     = module.attrmapper.old_user_pool_arn == "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_OldPool1"
    error_message = "the function's grants are on the old pool"
  }
  assert {
    condition     = output.map_parameter_name == "/attrmapper/attribute-map"
    error_message = "the map parameter is the module's"
  }
  assert {
    condition     = toset([for s in aws_cognito_user_pool.new.schema : s.name]) == toset(["tenant_id", "legacy_sub", "plan"])
    error_message = "the new pool has the custom attributes the map writes"
  }
}

run "guard_set_after_first_apply" {
  command = plan

  variables {
    new_user_pool_id = "eu-central-1_NewPool9"
  }

  # Only proves the literal id is accepted alongside the pool resource: no cycle.
  assert {
    condition     = aws_cognito_user_pool.new.name == "attrmapper-new"
    error_message = "plan with the guard set"
  }
}

run "window_closed" {
  command = apply

  variables {
    migration_window_open = false
  }

  assert {
    condition     = length(aws_cognito_user_pool.new.lambda_config) == 0
    error_message = "closing the window removes the trigger"
  }
  assert {
    condition     = toset(aws_cognito_user_pool_client.new.explicit_auth_flows) == toset(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    error_message = "closing the window returns the app client to SRP"
  }
}

run "map_target_missing_from_new_pool" {
  command = plan

  variables {
    attribute_map_file = "./tests/map-with-unknown-target.json"
  }

  expect_failures = [aws_cognito_user_pool.new]
}
