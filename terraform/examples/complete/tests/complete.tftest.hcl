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
    condition = (
      aws_cognito_user_pool.new.lambda_config[0].post_authentication == module.attrmapper.function_arn &&
      aws_cognito_user_pool.new.lambda_config[0].post_confirmation == module.attrmapper.function_arn &&
      aws_cognito_user_pool.new.lambda_config[0].pre_token_generation_config[0].lambda_arn == module.attrmapper.function_arn &&
      aws_cognito_user_pool.new.lambda_config[0].pre_token_generation_config[0].lambda_version == "V1_0"
    )
    error_message = "with groups the same function is the new pool's post authentication, post confirmation and (V1_0) pre token generation trigger"
  }
  assert {
    condition     = module.attrmapper.invoke_permission == { principal = "cognito-idp.amazonaws.com", source_arn = aws_cognito_user_pool.new.arn, source_account = "111122223333" }
    error_message = "the one invoke permission admits the new pool only: ${jsonencode(module.attrmapper.invoke_permission)}"
  }
  assert {
    condition = (
      module.attrmapper.role_grants["cognito-new-pool"] == [{
        actions   = toset(["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUserAttributes", "cognito-idp:DescribeUserPool"])
        resources = toset([aws_cognito_user_pool.new.arn])
      }] &&
      module.attrmapper.role_grants["cognito-old-pool"] == [{
        actions   = toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser"])
        resources = toset([aws_cognito_user_pool.old[0].arn])
      }]
    )
    error_message = "group grants: exactly the new calls on exactly the two pools: ${jsonencode(module.attrmapper.role_grants)}"
  }
  assert {
    condition = anytrue([
      for s in aws_cognito_user_pool.new.schema :
      s.name == "pending_groups" && s.attribute_data_type == "String" && s.mutable && s.string_attribute_constraints[0].max_length == "2048"
    ])
    error_message = "the marker is a mutable String custom attribute of the new pool, room for 2048 characters"
  }
  assert {
    condition = alltrue([
      for c in [aws_cognito_user_pool_client.new] :
      length(c.write_attributes) > 0 && alltrue([for a in c.write_attributes : !startswith(a, "custom:")])
    ])
    error_message = "no app client of the new pool may write the marker (or any custom attribute the migration sets)"
  }
  assert {
    condition = (
      toset([for g in aws_cognito_user_group.old : g.name]) == toset(["admins", "staff", "beta-testers"]) &&
      alltrue([for g in aws_cognito_user_group.old : g.user_pool_id == "eu-central-1_OldPool1"]) &&
      toset([for g in aws_cognito_user_group.new : g.name]) == toset(["admins", "employees", "migrated"]) &&
      alltrue([for g in aws_cognito_user_group.new : g.user_pool_id == "eu-central-1_NewPool9"])
    )
    error_message = "groups in both pools: the old pool's, and every group the map produces in the new pool"
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
    condition     = output.import_logs_role_arn != null
    error_message = "the example creates the import job's logs role for the sweep"
  }
  assert {
    condition     = output.map_parameter_name == "/attrmapper/attribute-map"
    error_message = "the map parameter is the module's"
  }
  assert {
    condition     = toset([for s in aws_cognito_user_pool.new.schema : s.name]) == toset(["tenant_id", "legacy_sub", "plan", "pending_groups"])
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

run "groups_off_needs_a_map_without_groups" {
  command = plan

  variables {
    groups_enabled     = false
    attribute_map_file = "../../tests/attribute-map.json"
  }

  assert {
    condition = (
      aws_cognito_user_pool.new.lambda_config[0].post_authentication == null &&
      length(aws_cognito_user_pool.new.lambda_config[0].pre_token_generation_config) == 0 &&
      length(aws_cognito_user_group.new) == 0 &&
      !contains([for s in aws_cognito_user_pool.new.schema : s.name], "pending_groups")
    )
    error_message = "without groups: the migration trigger only, no marker, no new groups"
  }
}

run "map_group_missing_from_new_pool" {
  command = plan

  variables {
    attribute_map_file = "./tests/map-with-unknown-group.json"
  }

  expect_failures = [aws_cognito_user_pool.new]
}

run "map_marker_not_the_pools_marker_attribute" {
  command = plan

  variables {
    attribute_map_file = "./tests/map-with-other-marker.json"
  }

  expect_failures = [aws_cognito_user_pool.new]
}

run "map_target_missing_from_new_pool" {
  command = plan

  variables {
    attribute_map_file = "./tests/map-with-unknown-target.json"
    groups_enabled     = false # isolates the custom-target precondition from the marker's
  }

  expect_failures = [aws_cognito_user_pool.new]
}
