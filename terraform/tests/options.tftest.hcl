# Each optional input turns on exactly its own grant or setting, and nothing else.

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

run "alias_lookup_adds_list_users_only" {
  command = plan

  variables {
    alias_lookup = "email,phone_number"
  }

  assert {
    condition = toset(data.aws_iam_policy_document.cognito.statement[0].actions) == toset([
      "cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers",
    ])
    error_message = "alias lookup on: AdminInitiateAuth, AdminGetUser and ListUsers, got ${jsonencode(data.aws_iam_policy_document.cognito.statement[0].actions)}"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_OldPool1"])
    error_message = "ListUsers stays on the old pool"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["ALIAS_LOOKUP"] == "email,phone_number"
    error_message = "ALIAS_LOOKUP passed through"
  }
}

run "alias_lookup_email_only" {
  command = plan

  variables {
    alias_lookup = "email"
  }

  assert {
    condition     = contains(data.aws_iam_policy_document.cognito.statement[0].actions, "cognito-idp:ListUsers")
    error_message = "alias lookup email: ListUsers granted"
  }
}

run "customer_kms_key_adds_decrypt_via_ssm_only" {
  command = plan

  variables {
    use_kms_key                      = true
    kms_key_arn                      = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    map_parameter_type               = "SecureString"
    old_client_secret_parameter_name = "/attrmapper/old-client-secret"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.kms) == 1 && length(aws_iam_role_policy.kms) == 1
    error_message = "a customer key adds one kms policy"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.kms[0].statement[0].actions) == toset(["kms:Decrypt"])
    error_message = "kms: exactly Decrypt"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.kms[0].statement[0].resources) == toset(["arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"])
    error_message = "kms: only the given key"
  }
  assert {
    condition = anytrue([
      for c in data.aws_iam_policy_document.kms[0].statement[0].condition :
      c.test == "StringEquals" && c.variable == "kms:ViaService" && toset(c.values) == toset(["ssm.eu-central-1.amazonaws.com"])
    ])
    error_message = "kms: only via ssm.<region>.amazonaws.com"
  }
  assert {
    condition = anytrue([
      for c in data.aws_iam_policy_document.kms[0].statement[0].condition :
      c.test == "StringEquals" && c.variable == "kms:EncryptionContext:PARAMETER_ARN" && toset(c.values) == toset([
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/old-client-secret",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
      ])
    ])
    error_message = "kms: only for the module's parameters"
  }
  assert {
    condition     = aws_ssm_parameter.map_external[0].type == "SecureString" && aws_ssm_parameter.map_external[0].key_id == "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "the SecureString map is encrypted with the given key"
  }
  assert {
    condition     = length(data.aws_iam_policy_document.sts) == 0
    error_message = "kms does not bring sts"
  }
}

run "client_secret_parameter_is_readable_and_configured" {
  command = plan

  variables {
    old_client_secret_parameter_name = "/attrmapper/old-client-secret"
  }

  assert {
    condition = toset(data.aws_iam_policy_document.ssm.statement[0].resources) == toset([
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/old-client-secret",
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
    ])
    error_message = "ssm: the map, the client secret and the key, got ${jsonencode(data.aws_iam_policy_document.ssm.statement[0].resources)}"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["OLD_CLIENT_SECRET_PARAMETER"] == "/attrmapper/old-client-secret"
    error_message = "OLD_CLIENT_SECRET_PARAMETER set"
  }
  assert {
    condition     = length(data.aws_iam_policy_document.kms) == 0
    error_message = "no kms grant without a customer key (aws/ssm needs none)"
  }
}

run "cross_account_role_adds_sts_and_moves_cognito_to_the_role" {
  command = plan

  variables {
    assume_old_pool_role = true
    old_pool_role_arn    = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
    old_pool_external_id = "attrmapper-migration"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.sts) == 1 && length(aws_iam_role_policy.sts) == 1
    error_message = "a role adds one sts policy"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.sts[0].statement[0].actions) == toset(["sts:AssumeRole"])
    error_message = "sts: exactly AssumeRole"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.sts[0].statement[0].resources) == toset(["arn:aws:iam::444455556666:role/attrmapper-old-pool-access"])
    error_message = "sts: only the given role"
  }
  assert {
    condition     = length(aws_iam_role_policy.cognito) == 0
    error_message = "with a role, old-pool calls use it: no cognito grant on the function's role"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:444455556666:userpool/eu-west-1_OldPool1"])
    error_message = "the old pool lives in the role's account"
  }
  assert {
    condition     = output.old_pool_role_policy_json != null
    error_message = "the policy for the remote role is published"
  }
  assert {
    condition = (
      aws_lambda_function.this.environment[0].variables["OLD_POOL_ROLE_ARN"] == "arn:aws:iam::444455556666:role/attrmapper-old-pool-access" &&
      aws_lambda_function.this.environment[0].variables["OLD_POOL_EXTERNAL_ID"] == "attrmapper-migration"
    )
    error_message = "OLD_POOL_ROLE_ARN and OLD_POOL_EXTERNAL_ID set"
  }
  assert {
    condition     = length(data.aws_iam_policy_document.kms) == 0
    error_message = "a role does not bring kms"
  }
}

run "explicit_old_pool_arn_wins" {
  command = plan

  variables {
    old_user_pool_arn = "arn:aws:cognito-idp:eu-west-1:777788889999:userpool/eu-west-1_OldPool1"
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.cognito.statement[0].resources) == toset(["arn:aws:cognito-idp:eu-west-1:777788889999:userpool/eu-west-1_OldPool1"])
    error_message = "cognito: the given old pool ARN"
  }
}

run "everything_on_still_has_no_wildcard" {
  command = plan

  variables {
    alias_lookup                     = "phone_number"
    use_kms_key                      = true
    kms_key_arn                      = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    old_client_secret_parameter_name = "attrmapper-old-client-secret"
    assume_old_pool_role             = true
    old_pool_role_arn                = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
    groups_enabled                   = true
    map_document_file                = "./tests/attribute-map-groups.json"
  }

  assert {
    condition     = length(data.aws_iam_policy_document.cognito_new_pool) == 1
    error_message = "everything on includes the groups grants"
  }
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
          alltrue([for r in s.resources : !strcontains(r, "*") || r == "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper:*"]),
          alltrue([for a in s.actions : !strcontains(a, "*")]),
        ]
      ]
    ]))
    error_message = "every statement must name exact actions and exact resources, never `*`"
  }
  assert {
    # A name without a leading slash still maps to parameter/<name>.
    condition     = contains(data.aws_iam_policy_document.ssm.statement[0].resources, "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper-old-client-secret")
    error_message = "a flat parameter name maps to parameter/<name>"
  }
}

run "new_pool_guard_and_tunables" {
  command = plan

  variables {
    name                  = "users-migration"
    new_user_pool_id      = "eu-central-1_NewPool9"
    architecture          = "arm64"
    package_path          = replace(var.package_path, "x86_64", "arm64") # test.sh builds both dummy zips
    timeout               = 3
    migration_deadline_ms = 2500
    map_cache_ttl_seconds = 0
    log_usernames         = true
    log_retention_days    = 90
    memory_size           = 512
  }

  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      OLD_USER_POOL_ID      = "eu-west-1_OldPool1"
      OLD_CLIENT_ID         = "1example23456789migration"
      MAP_PARAMETER_NAME    = "/users-migration/attribute-map"
      MAP_CACHE_TTL_SECONDS = "0"
      MIGRATION_DEADLINE_MS = "2500"
      ALIAS_LOOKUP          = "off"
      LOG_USERNAMES         = "true"
      NEW_USER_POOL_ID      = "eu-central-1_NewPool9"
      KEY_PARAMETER         = "/users-migration/key"
    })
    error_message = "environment: ${jsonencode(aws_lambda_function.this.environment[0].variables)}"
  }
  assert {
    condition     = aws_lambda_function.this.architectures == tolist(["arm64"]) && aws_lambda_function.this.timeout == 3 && aws_lambda_function.this.memory_size == 512
    error_message = "architecture, timeout and memory follow the inputs"
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/users-migration" && aws_cloudwatch_log_group.this.retention_in_days == 90
    error_message = "log group follows name and retention"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.logs.statement[0].resources) == toset(["arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/users-migration", "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/users-migration:*"])
    error_message = "logs policy follows the name"
  }
}

run "terraform_owned_map" {
  command = plan

  variables {
    map_managed_externally = false
    map_document_file      = null
    map_document           = "{\"version\":1,\"rules\":[{\"op\":\"copy\",\"from\":\"email\"}]}"
  }

  assert {
    condition     = length(aws_ssm_parameter.map) == 1 && length(aws_ssm_parameter.map_external) == 0
    error_message = "map_managed_externally = false: the Terraform-owned parameter only"
  }
  assert {
    condition     = nonsensitive(aws_ssm_parameter.map[0].value) == "{\"version\":1,\"rules\":[{\"op\":\"copy\",\"from\":\"email\"}]}"
    error_message = "the map parameter holds the given string"
  }
}

run "alarm_topic_receives_every_alarm" {
  command = apply

  variables {
    create_alarm_topic = true
    alarm_actions      = ["arn:aws:sns:eu-central-1:111122223333:oncall"]
  }

  assert {
    condition = alltrue([
      for a in values(aws_cloudwatch_metric_alarm.this) :
      toset(a.alarm_actions) == toset([aws_sns_topic.this[0].arn, "arn:aws:sns:eu-central-1:111122223333:oncall"]) && toset(a.ok_actions) == toset(a.alarm_actions)
    ])
    error_message = "every alarm notifies the created topic and the extra actions"
  }
}

run "monitoring_off" {
  command = plan

  variables {
    create_dashboard = false
    create_alarms    = false
  }

  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 0 && length(aws_cloudwatch_metric_alarm.this) == 0 && length(output.alarm_arns) == 0
    error_message = "no dashboard and no alarms when switched off"
  }
}

run "existing_key_parameter_is_read_not_created" {
  command = plan

  variables {
    create_key_parameter = false
    key_parameter_name   = "/shared/attrmapper-key"
    use_kms_key          = true
    kms_key_arn          = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = length(aws_ssm_parameter.key) == 0
    error_message = "an existing key parameter is not created"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["KEY_PARAMETER"] == "/shared/attrmapper-key"
    error_message = "KEY_PARAMETER names the existing parameter"
  }
  assert {
    condition = toset(data.aws_iam_policy_document.ssm.statement[0].resources) == toset([
      "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
      "arn:aws:ssm:eu-central-1:111122223333:parameter/shared/attrmapper-key",
    ])
    error_message = "ssm: the map and the existing key, got ${jsonencode(data.aws_iam_policy_document.ssm.statement[0].resources)}"
  }
  assert {
    condition = anytrue([
      for c in data.aws_iam_policy_document.kms[0].statement[0].condition :
      c.variable == "kms:EncryptionContext:PARAMETER_ARN" && toset(c.values) == toset([
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/shared/attrmapper-key",
      ])
    ])
    error_message = "kms: decrypt only for the map and the key parameter"
  }
}

run "created_key_parameter_uses_the_customer_key" {
  command = plan

  variables {
    use_kms_key = true
    kms_key_arn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_ssm_parameter.key[0].key_id == "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "the created key parameter is encrypted with the customer key"
  }
}

run "no_key_parameter_at_all" {
  command = plan

  variables {
    create_key_parameter = false
  }

  assert {
    condition     = length(aws_ssm_parameter.key) == 0 && !contains(keys(aws_lambda_function.this.environment[0].variables), "KEY_PARAMETER")
    error_message = "no key: no parameter and no KEY_PARAMETER"
  }
  assert {
    condition     = toset(data.aws_iam_policy_document.ssm.statement[0].resources) == toset(["arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map"])
    error_message = "no key: ssm on the map only"
  }
}
