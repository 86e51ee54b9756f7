# The module with only its required inputs: exact function settings, environment, IAM and parameter.
# Run through test.sh (it builds a dummy zip and passes -var package_path=...).

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
  map_document_file = "./tests/attribute-map.json"
}

run "function" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.function_name == "attrmapper"
    error_message = "function name"
  }
  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023"
    error_message = "runtime must be provided.al2023"
  }
  assert {
    condition     = aws_lambda_function.this.handler == "bootstrap"
    error_message = "handler must be bootstrap"
  }
  assert {
    condition     = aws_lambda_function.this.package_type == "Zip"
    error_message = "package type must be Zip"
  }
  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["x86_64"])
    error_message = "architecture must default to x86_64"
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 5
    error_message = "timeout must default to 5 s (what Cognito waits)"
  }
  assert {
    condition     = aws_lambda_function.this.memory_size == 256
    error_message = "memory must default to 256 MB"
  }
  assert {
    condition     = aws_lambda_function.this.filename == var.package_path
    error_message = "filename must be the package path"
  }
  assert {
    condition     = aws_lambda_function.this.source_code_hash == filebase64sha256(var.package_path)
    error_message = "source_code_hash must follow the package"
  }
  assert {
    condition     = aws_lambda_function.this.reserved_concurrent_executions == -1
    error_message = "concurrency is unreserved by default"
  }
}

run "environment_matches_design_section_3" {
  command = plan

  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      OLD_USER_POOL_ID      = "eu-west-1_OldPool1"
      OLD_CLIENT_ID         = "1example23456789migration"
      MAP_PARAMETER_NAME    = "/attrmapper/attribute-map"
      MAP_CACHE_TTL_SECONDS = "60"
      MIGRATION_DEADLINE_MS = "4000"
      ALIAS_LOOKUP          = "off"
      LOG_USERNAMES         = "false"
      KEY_PARAMETER         = "/attrmapper/key"
    })
    error_message = "environment must be exactly the required variables plus the defaults, optional ones left out: ${jsonencode(aws_lambda_function.this.environment[0].variables)}"
  }
}

# Issue 10 item 3: no secret in the environment, so a plan shows every variable (a reviewer sees OLD_CLIENT_ID or
# NEW_USER_POOL_ID change). issensitive() reads the sensitive mark the plan carries; it looks at the value's own mark
# only, and a merge() of one sensitive element leaves the map itself unmarked, so the map, the block and every element
# are checked. Proof it bites: a sensitive(...) around any one variable's value in main.tf turns this run red.
run "environment_is_not_sensitive" {
  command = plan

  variables {
    # every optional variable on, so every value that can reach the environment is checked
    new_user_pool_id                 = "eu-central-1_NewPool9"
    old_client_secret_parameter_name = "/attrmapper/old-client-secret"
    assume_old_pool_role             = true
    old_pool_role_arn                = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
    old_pool_external_id             = "attrmapper-migration"
  }

  assert {
    condition = (
      !issensitive(aws_lambda_function.this.environment) &&
      !issensitive(aws_lambda_function.this.environment[0].variables) &&
      !anytrue([for k, v in aws_lambda_function.this.environment[0].variables : issensitive(v) || issensitive(k)])
    )
    error_message = "the function's environment (or one of its variables) is sensitive: the plan would hide it"
  }
  assert {
    condition     = length(aws_lambda_function.this.environment[0].variables) == 12
    error_message = "all 12 variables are set here, so all were checked: ${jsonencode(keys(aws_lambda_function.this.environment[0].variables))}"
  }
}

run "key_parameter_is_created_write_only" {
  command = plan

  assert {
    condition = (
      length(aws_ssm_parameter.key) == 1 &&
      aws_ssm_parameter.key[0].name == "/attrmapper/key" &&
      aws_ssm_parameter.key[0].type == "SecureString" &&
      aws_ssm_parameter.key[0].value_wo_version == 1
    )
    error_message = "the module creates /attrmapper/key, SecureString, key version 1"
  }
  assert {
    # A write-only argument is never in the plan: the key is sent at apply and kept nowhere.
    condition     = aws_ssm_parameter.key[0].value_wo == null
    error_message = "the key must not be in the plan"
  }
}

run "log_group" {
  command = plan

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/attrmapper"
    error_message = "log group must be Lambda's own name for the function"
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "retention must default to 30 days"
  }
}

run "permission_admits_only_the_new_pool" {
  command = plan

  assert {
    condition     = aws_lambda_permission.this.principal == "cognito-idp.amazonaws.com"
    error_message = "principal must be cognito-idp.amazonaws.com"
  }
  assert {
    condition     = aws_lambda_permission.this.action == "lambda:InvokeFunction"
    error_message = "action must be lambda:InvokeFunction"
  }
  assert {
    condition     = aws_lambda_permission.this.source_arn == "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"
    error_message = "source_arn must be the new pool's ARN"
  }
  assert {
    condition     = aws_lambda_permission.this.source_account == "111122223333"
    error_message = "source_account must be this account"
  }
  assert {
    condition     = aws_lambda_permission.this.function_name == "attrmapper"
    error_message = "permission must be on the function"
  }
}

run "map_parameter_holds_the_document_and_survives_console_edits" {
  command = plan

  assert {
    condition     = length(aws_ssm_parameter.map) == 0 && length(aws_ssm_parameter.map_external) == 1
    error_message = "by default the map is seeded once and then managed in Parameter Store"
  }
  assert {
    condition     = aws_ssm_parameter.map_external[0].name == "/attrmapper/attribute-map"
    error_message = "map parameter name"
  }
  assert {
    condition     = nonsensitive(aws_ssm_parameter.map_external[0].value == file("./tests/attribute-map.json"))
    error_message = "the map parameter must hold the given document byte for byte"
  }
  assert {
    condition     = aws_ssm_parameter.map_external[0].type == "String" && aws_ssm_parameter.map_external[0].tier == "Standard"
    error_message = "map parameter type/tier defaults"
  }
}

run "iam_logs" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.logs.statement) == 1
    error_message = "logs: one statement"
  }
  assert {
    condition     = data.aws_iam_policy_document.logs.statement[0].effect == "Allow"
    error_message = "logs: Allow"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.logs.statement[0].actions) == toset(["logs:CreateLogStream", "logs:PutLogEvents"])
    error_message = "logs: exactly CreateLogStream and PutLogEvents, got ${jsonencode(data.aws_iam_policy_document.logs.statement[0].actions)}"
  }
  assert {
    condition = toset(data.aws_iam_policy_document.logs.statement[0].resources) == toset([
      "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper",
      "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper:*",
    ])
    error_message = "logs: only its own log group, got ${jsonencode(data.aws_iam_policy_document.logs.statement[0].resources)}"
  }
}

run "iam_cognito_without_alias_lookup" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.cognito.statement) == 1
    error_message = "cognito: one statement"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.cognito.statement[0].actions) == toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"])
    error_message = "cognito: exactly AdminInitiateAuth and AdminGetUser (no ListUsers while alias lookup is off), got ${jsonencode(data.aws_iam_policy_document.cognito.statement[0].actions)}"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_OldPool1"])
    error_message = "cognito: only the old pool, in the old pool's region, got ${jsonencode(data.aws_iam_policy_document.cognito.statement[0].resources)}"
  }
  assert {
    condition     = length(aws_iam_role_policy.cognito) == 1
    error_message = "cognito policy must be attached when no cross-account role is used"
  }
}

run "iam_ssm_only_the_map_and_the_key" {
  command = plan

  assert {
    condition     = toset(data.aws_iam_policy_document.ssm.statement[0].actions) == toset(["ssm:GetParameter"])
    error_message = "ssm: exactly GetParameter"
  }
  assert {
    condition = toset(data.aws_iam_policy_document.ssm.statement[0].resources) == toset([
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
    ])
    error_message = "ssm: only the map and the key parameter, got ${jsonencode(data.aws_iam_policy_document.ssm.statement[0].resources)}"
  }
}

run "iam_no_kms_no_sts_by_default" {
  command = plan

  assert {
    condition     = length(data.aws_iam_policy_document.kms) == 0 && length(aws_iam_role_policy.kms) == 0
    error_message = "no kms grant without a customer key"
  }
  assert {
    condition     = length(data.aws_iam_policy_document.sts) == 0 && length(aws_iam_role_policy.sts) == 0
    error_message = "no sts grant without a cross-account role"
  }
}

run "iam_trust_is_lambda_only" {
  command = plan

  assert {
    condition     = toset(data.aws_iam_policy_document.assume_role.statement[0].actions) == toset(["sts:AssumeRole"])
    error_message = "trust: sts:AssumeRole"
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.assume_role.statement[0].principals) == 1 &&
      one(data.aws_iam_policy_document.assume_role.statement[0].principals).type == "Service" &&
      toset(one(data.aws_iam_policy_document.assume_role.statement[0].principals).identifiers) == toset(["lambda.amazonaws.com"])
    )
    error_message = "trust: only lambda.amazonaws.com"
  }
}

run "policies_attached_to_the_function_role" {
  # apply (against the mock) so the role's id is known.
  command = apply

  assert {
    condition = alltrue([
      for p in [aws_iam_role_policy.logs, aws_iam_role_policy.cognito[0], aws_iam_role_policy.ssm] :
      p.role == aws_iam_role.this.id
    ])
    error_message = "logs, cognito and ssm policies must be attached to the function's role"
  }
  assert {
    condition     = aws_lambda_function.this.role == aws_iam_role.this.arn
    error_message = "the function must run as the module's role"
  }
}

run "no_wildcard_resource_in_any_statement" {
  command = plan

  assert {
    condition = alltrue(flatten([
      for doc in concat(
        [data.aws_iam_policy_document.logs, data.aws_iam_policy_document.cognito, data.aws_iam_policy_document.ssm],
        data.aws_iam_policy_document.kms, data.aws_iam_policy_document.sts, data.aws_iam_policy_document.cognito_new_pool,
        ) : [
        for s in doc.statement : [
          s.effect == "Allow",
          length(coalesce(s.not_actions, [])) == 0,
          length(coalesce(s.not_resources, [])) == 0,
          length(coalesce(s.resources, [])) > 0,
          # The only `*` allowed is the log-stream suffix of its own log group.
          alltrue([for r in s.resources : !strcontains(r, "*") || r == "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper:*"]),
          alltrue([for a in s.actions : !strcontains(a, "*")]),
        ]
      ]
    ]))
    error_message = "every statement must name exact actions and exact resources, never `*`"
  }
}

run "monitoring" {
  command = plan

  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 1 && aws_cloudwatch_dashboard.this[0].dashboard_name == "attrmapper"
    error_message = "dashboard created by default"
  }
  assert {
    condition = alltrue([
      for m in ["Invocations", "Rejected", "Faults", "DurationMs", "MapRefreshFailures"] :
      strcontains(aws_cloudwatch_dashboard.this[0].dashboard_body, m)
    ])
    error_message = "dashboard must chart every metric the function emits"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["faults"].namespace == "AttrMapper" && aws_cloudwatch_metric_alarm.this["faults"].metric_name == "Faults" && aws_cloudwatch_metric_alarm.this["faults"].threshold == 0 && aws_cloudwatch_metric_alarm.this["faults"].comparison_operator == "GreaterThanThreshold"
    error_message = "fault alarm: any fault"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["duration_p99"].extended_statistic == "p99" && aws_cloudwatch_metric_alarm.this["duration_p99"].metric_name == "DurationMs" && aws_cloudwatch_metric_alarm.this["duration_p99"].threshold == 3200
    error_message = "duration alarm: p99 at 80% of the 4000 ms deadline"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["lambda_errors"].namespace == "AWS/Lambda" && aws_cloudwatch_metric_alarm.this["lambda_errors"].dimensions == tomap({ FunctionName = "attrmapper" })
    error_message = "Lambda Errors alarm on the function"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["lambda_throttles"].metric_name == "Throttles" && aws_cloudwatch_metric_alarm.this["lambda_throttles"].dimensions == tomap({ FunctionName = "attrmapper" })
    error_message = "Lambda Throttles alarm on the function"
  }
  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["faults", "duration_p99", "map_refresh_failures", "lambda_errors", "lambda_throttles"])
    error_message = "without groups: exactly the five alarms, got ${jsonencode(keys(aws_cloudwatch_metric_alarm.this))}"
  }
  assert {
    condition     = !strcontains(aws_cloudwatch_dashboard.this[0].dashboard_body, "MarkersRejected")
    error_message = "no groups widget without groups"
  }
  assert {
    condition     = length(aws_sns_topic.this) == 0 && length(aws_cloudwatch_metric_alarm.this["faults"].alarm_actions) == 0
    error_message = "no topic and no actions unless asked"
  }
}
