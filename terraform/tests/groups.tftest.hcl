# Issue 11 item 5: with groups_enabled, exactly the new calls on exactly the two pools, the triggers' wiring as an
# output, the groups metrics and the alarm on rejected markers. Without it, none of that.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_data {
  target = data.aws_region.current
  values = { name = "eu-central-1" }
}

variables {
  old_user_pool_id  = "eu-west-1_OldPool1"
  old_client_id     = "1example23456789migration"
  new_user_pool_arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"
  map_document_file = "./tests/attribute-map-groups.json"
  groups_enabled    = true
}

run "groups_grants_exactly_the_new_calls_on_the_two_pools" {
  command = plan

  assert {
    condition = (
      length(data.aws_iam_policy_document.cognito.statement) == 1 &&
      toset(data.aws_iam_policy_document.cognito.statement[0].actions) == toset([
        "cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser",
      ]) &&
      toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_OldPool1"])
    )
    error_message = "old pool: AdminInitiateAuth, AdminGetUser, AdminListGroupsForUser on the old pool only, got ${jsonencode(data.aws_iam_policy_document.cognito.statement)}"
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.cognito_new_pool) == 1 &&
      length(data.aws_iam_policy_document.cognito_new_pool[0].statement) == 1 &&
      data.aws_iam_policy_document.cognito_new_pool[0].statement[0].effect == "Allow" &&
      toset(data.aws_iam_policy_document.cognito_new_pool[0].statement[0].actions) == toset([
        "cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUserAttributes", "cognito-idp:DescribeUserPool",
      ])
    )
    error_message = "new pool: exactly AdminAddUserToGroup, AdminDeleteUserAttributes, DescribeUserPool (no ListGroups), got ${jsonencode(data.aws_iam_policy_document.cognito_new_pool[0].statement[0].actions)}"
  }
  assert {
    condition     = data.aws_iam_policy_document.cognito_new_pool[0].statement[0].resources == toset(["arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"])
    error_message = "new pool grants on the new pool's ARN only, got ${jsonencode(data.aws_iam_policy_document.cognito_new_pool[0].statement[0].resources)}"
  }
  assert {
    condition = (
      length(coalesce(data.aws_iam_policy_document.cognito_new_pool[0].statement[0].not_actions, [])) == 0 &&
      length(coalesce(data.aws_iam_policy_document.cognito_new_pool[0].statement[0].not_resources, [])) == 0
    )
    error_message = "no NotAction / NotResource"
  }
  assert {
    condition     = length(aws_iam_role_policy.cognito_new_pool) == 1 && aws_iam_role_policy.cognito_new_pool[0].name == "cognito-new-pool"
    error_message = "the new-pool policy is attached"
  }
  assert {
    condition = toset(data.aws_iam_policy_document.ssm.statement[0].resources) == toset([
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
    ])
    error_message = "ssm: the map and the key parameter, nothing else"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["KEY_PARAMETER"] == "/attrmapper/key"
    error_message = "the function knows its key parameter"
  }
}

run "one_permission_scoped_to_the_new_pool_serves_every_trigger" {
  command = plan

  assert {
    condition = (
      aws_lambda_permission.this.principal == "cognito-idp.amazonaws.com" &&
      aws_lambda_permission.this.source_arn == "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9" &&
      aws_lambda_permission.this.source_account == "111122223333"
    )
    error_message = "the one permission admits only the new pool"
  }
}

run "lambda_config_names_the_function_for_every_trigger" {
  command = apply

  assert {
    condition = output.lambda_config == {
      user_migration              = aws_lambda_function.this.arn
      pre_token_generation_config = { lambda_arn = aws_lambda_function.this.arn, lambda_version = "V1_0" }
      post_authentication         = aws_lambda_function.this.arn
      post_confirmation           = aws_lambda_function.this.arn
    }
    error_message = "lambda_config: ${jsonencode(output.lambda_config)}"
  }
  assert {
    condition     = aws_iam_role_policy.cognito_new_pool[0].role == aws_iam_role.this.id
    error_message = "the new-pool policy is on the function's role"
  }
}

run "groups_metrics_and_alarm" {
  command = plan

  assert {
    condition = alltrue([
      for m in ["GroupsCarried", "GroupsSettled", "MarkersPending", "MarkersRejected", "GroupsMissing"] :
      strcontains(aws_cloudwatch_dashboard.this[0].dashboard_body, "\"${m}\"")
    ])
    error_message = "the dashboard charts every groups metric"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["markers_rejected"].namespace == "AttrMapper" &&
      aws_cloudwatch_metric_alarm.this["markers_rejected"].metric_name == "MarkersRejected" &&
      aws_cloudwatch_metric_alarm.this["markers_rejected"].statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.this["markers_rejected"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["markers_rejected"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["markers_rejected"].alarm_name == "attrmapper-markers-rejected"
    )
    error_message = "alarm on any rejected marker"
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 6
    error_message = "the five alarms plus markers_rejected"
  }
}

run "groups_through_the_cross_account_role" {
  command = plan

  variables {
    assume_old_pool_role = true
    old_pool_role_arn    = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
  }

  assert {
    condition = (
      length(aws_iam_role_policy.cognito) == 0 &&
      contains(data.aws_iam_policy_document.cognito.statement[0].actions, "cognito-idp:AdminListGroupsForUser") &&
      toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:444455556666:userpool/eu-west-1_OldPool1"])
    )
    error_message = "the old pool's group read goes into the role's published policy"
  }
  assert {
    # New-pool calls are signed with the function's own credentials, never the old pool's role (DESIGN.md section 5).
    condition     = length(aws_iam_role_policy.cognito_new_pool) == 1
    error_message = "the new-pool grant stays on the function's role"
  }
}

run "without_groups_none_of_it" {
  command = plan

  variables {
    groups_enabled    = false
    map_document_file = "./tests/attribute-map.json"
  }

  assert {
    condition = (
      length(data.aws_iam_policy_document.cognito_new_pool) == 0 && length(aws_iam_role_policy.cognito_new_pool) == 0 &&
      !contains(data.aws_iam_policy_document.cognito.statement[0].actions, "cognito-idp:AdminListGroupsForUser") &&
      !contains(keys(aws_cloudwatch_metric_alarm.this), "markers_rejected")
    )
    error_message = "groups off: no group grants, no markers alarm"
  }
}

run "groups_need_the_key" {
  command = plan

  variables {
    create_key_parameter = false
  }

  expect_failures = [var.groups_enabled]
}

run "a_map_with_groups_needs_groups_enabled" {
  command = plan

  variables {
    groups_enabled = false
  }

  expect_failures = [aws_ssm_parameter.map_external]
}
