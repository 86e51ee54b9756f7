# The same policies as rendered by the real provider (aws_iam_policy_document is computed locally, no AWS call):
# proves the JSON that IAM receives, not just the documents' inputs. The provider is configured offline; every
# endpoint points at a closed local port, so an accidental API call fails fast instead of leaving the machine.

provider "aws" {
  region                      = "eu-central-1"
  access_key                  = "AKIAOFFLINEEXAMPLE00"
  secret_key                  = "offline-example-secret-key-not-used-000000"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  max_retries                 = 0

  endpoints {
    sts        = "http://127.0.0.1:9"
    iam        = "http://127.0.0.1:9"
    lambda     = "http://127.0.0.1:9"
    ssm        = "http://127.0.0.1:9"
    logs       = "http://127.0.0.1:9"
    cloudwatch = "http://127.0.0.1:9"
    sns        = "http://127.0.0.1:9"
    cognitoidp = "http://127.0.0.1:9"
  }
}

override_data {
  target = data.aws_caller_identity.current
  values = { account_id = "111122223333", arn = "arn:aws:iam::111122223333:user/terraform", user_id = "AIDAEXAMPLE" }
}

variables {
  old_user_pool_id                 = "eu-west-1_OldPool1"
  old_client_id                    = "1example23456789migration"
  new_user_pool_arn                = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"
  map_document_file                = "./tests/attribute-map.json"
  alias_lookup                     = "email"
  use_kms_key                      = true
  kms_key_arn                      = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  old_client_secret_parameter_name = "/attrmapper/old-client-secret"
}

run "rendered_policies" {
  command = plan

  # Action and Resource render as a string or a list, in the provider's order: flatten([...]) + toset compare content.
  assert {
    condition = (
      length(jsondecode(data.aws_iam_policy_document.logs.json).Statement) == 1 &&
      jsondecode(data.aws_iam_policy_document.logs.json).Statement[0].Effect == "Allow" &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.logs.json).Statement[0].Action])) == toset(["logs:CreateLogStream", "logs:PutLogEvents"]) &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.logs.json).Statement[0].Resource])) == toset([
        "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper",
        "arn:aws:logs:eu-central-1:111122223333:log-group:/aws/lambda/attrmapper:*",
      ])
    )
    error_message = "logs policy JSON: ${data.aws_iam_policy_document.logs.json}"
  }
  assert {
    condition = (
      length(jsondecode(data.aws_iam_policy_document.cognito.json).Statement) == 1 &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.cognito.json).Statement[0].Action])) == toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers"]) &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.cognito.json).Statement[0].Resource])) == toset(["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_OldPool1"])
    )
    error_message = "cognito policy JSON: ${data.aws_iam_policy_document.cognito.json}"
  }
  assert {
    condition = (
      length(jsondecode(data.aws_iam_policy_document.ssm.json).Statement) == 1 &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.ssm.json).Statement[0].Action])) == toset(["ssm:GetParameter"]) &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.ssm.json).Statement[0].Resource])) == toset([
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/old-client-secret",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
      ])
    )
    error_message = "ssm policy JSON: ${data.aws_iam_policy_document.ssm.json}"
  }
  assert {
    condition = (
      length(jsondecode(data.aws_iam_policy_document.kms[0].json).Statement) == 1 &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.kms[0].json).Statement[0].Action])) == toset(["kms:Decrypt"]) &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.kms[0].json).Statement[0].Resource])) == toset(["arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]) &&
      keys(jsondecode(data.aws_iam_policy_document.kms[0].json).Statement[0].Condition) == ["StringEquals"] &&
      jsondecode(data.aws_iam_policy_document.kms[0].json).Statement[0].Condition.StringEquals["kms:ViaService"] == "ssm.eu-central-1.amazonaws.com" &&
      toset(flatten([jsondecode(data.aws_iam_policy_document.kms[0].json).Statement[0].Condition.StringEquals["kms:EncryptionContext:PARAMETER_ARN"]])) == toset([
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/attribute-map",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/old-client-secret",
        "arn:aws:ssm:eu-central-1:111122223333:parameter/attrmapper/key",
      ])
    )
    error_message = "kms policy JSON: ${data.aws_iam_policy_document.kms[0].json}"
  }
  assert {
    # The role policy stores the document minified: compare decoded.
    condition = (
      jsondecode(aws_iam_role_policy.logs.policy) == jsondecode(data.aws_iam_policy_document.logs.json) &&
      jsondecode(aws_iam_role_policy.cognito[0].policy) == jsondecode(data.aws_iam_policy_document.cognito.json) &&
      jsondecode(aws_iam_role_policy.ssm.policy) == jsondecode(data.aws_iam_policy_document.ssm.json) &&
      jsondecode(aws_iam_role_policy.kms[0].policy) == jsondecode(data.aws_iam_policy_document.kms[0].json)
    )
    error_message = "each role policy carries its own concern's document"
  }
  assert {
    condition = alltrue(flatten([
      for p in [aws_iam_role_policy.logs, aws_iam_role_policy.cognito[0], aws_iam_role_policy.ssm, aws_iam_role_policy.kms[0]] : [
        for st in jsondecode(p.policy).Statement : [
          st.Effect == "Allow",
          !contains(keys(st), "NotResource") && !contains(keys(st), "NotAction"),
          alltrue([for r in flatten([st.Resource]) : !strcontains(r, "*") || endswith(r, ":log-group:/aws/lambda/attrmapper:*")]),
          alltrue([for a in flatten([st.Action]) : !strcontains(a, "*")]),
        ]
      ]
    ]))
    error_message = "no rendered statement has a `*` resource or action"
  }
  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal == { Service = "lambda.amazonaws.com" }
    error_message = "trust policy JSON: ${aws_iam_role.this.assume_role_policy}"
  }
}

run "rendered_cross_account" {
  command = plan

  variables {
    alias_lookup         = "off"
    use_kms_key          = false
    kms_key_arn          = null
    assume_old_pool_role = true
    old_pool_role_arn    = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
    old_pool_external_id = "attrmapper-migration"
  }

  assert {
    condition = (
      length(aws_iam_role_policy.cognito) == 0 && length(aws_iam_role_policy.kms) == 0 &&
      toset(flatten([jsondecode(aws_iam_role_policy.sts[0].policy).Statement[0].Action])) == toset(["sts:AssumeRole"]) &&
      toset(flatten([jsondecode(aws_iam_role_policy.sts[0].policy).Statement[0].Resource])) == toset(["arn:aws:iam::444455556666:role/attrmapper-old-pool-access"])
    )
    error_message = "sts policy JSON: ${aws_iam_role_policy.sts[0].policy}"
  }
  assert {
    condition = (
      toset(flatten([jsondecode(output.old_pool_role_policy_json).Statement[0].Action])) == toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser"]) &&
      toset(flatten([jsondecode(output.old_pool_role_policy_json).Statement[0].Resource])) == toset(["arn:aws:cognito-idp:eu-west-1:444455556666:userpool/eu-west-1_OldPool1"])
    )
    error_message = "the policy published for the old account's role: ${output.old_pool_role_policy_json}"
  }
}

run "rendered_groups_and_import_logs_role" {
  command = plan

  variables {
    groups_enabled          = true
    map_document_file       = "./tests/attribute-map-groups.json"
    create_import_logs_role = true
  }

  assert {
    condition = (
      jsondecode(aws_iam_role.import_logs[0].assume_role_policy).Statement[0].Principal == { Service = "cognito-idp.amazonaws.com" } &&
      length(jsondecode(aws_iam_role.import_logs[0].assume_role_policy).Statement) == 1 &&
      length(jsondecode(aws_iam_role_policy.import_logs[0].policy).Statement) == 1 &&
      jsondecode(aws_iam_role_policy.import_logs[0].policy).Statement[0].Effect == "Allow" &&
      toset(flatten([jsondecode(aws_iam_role_policy.import_logs[0].policy).Statement[0].Action])) == toset(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]) &&
      toset(flatten([jsondecode(aws_iam_role_policy.import_logs[0].policy).Statement[0].Resource])) == toset(["arn:aws:logs:eu-central-1:111122223333:log-group:/aws/cognito/*"])
    )
    error_message = "import logs role JSON: ${aws_iam_role.import_logs[0].assume_role_policy} ${aws_iam_role_policy.import_logs[0].policy}"
  }

  assert {
    condition = (
      length(jsondecode(aws_iam_role_policy.cognito_new_pool[0].policy).Statement) == 1 &&
      jsondecode(aws_iam_role_policy.cognito_new_pool[0].policy).Statement[0].Effect == "Allow" &&
      toset(flatten([jsondecode(aws_iam_role_policy.cognito_new_pool[0].policy).Statement[0].Action])) == toset(["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminDeleteUserAttributes", "cognito-idp:DescribeUserPool"]) &&
      toset(flatten([jsondecode(aws_iam_role_policy.cognito_new_pool[0].policy).Statement[0].Resource])) == toset(["arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"]) &&
      toset(flatten([jsondecode(aws_iam_role_policy.cognito[0].policy).Statement[0].Action])) == toset(["cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers", "cognito-idp:AdminListGroupsForUser"]) &&
      toset(flatten([jsondecode(aws_iam_role_policy.cognito[0].policy).Statement[0].Resource])) == toset(["arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_OldPool1"])
    )
    error_message = "groups policies JSON: ${aws_iam_role_policy.cognito_new_pool[0].policy} ${aws_iam_role_policy.cognito[0].policy}"
  }
  assert {
    condition = alltrue(flatten([
      for p in [aws_iam_role_policy.cognito[0], aws_iam_role_policy.cognito_new_pool[0], aws_iam_role_policy.ssm, aws_iam_role_policy.kms[0]] : [
        for st in jsondecode(p.policy).Statement : [
          !contains(keys(st), "NotResource") && !contains(keys(st), "NotAction"),
          alltrue([for r in flatten([st.Resource]) : !strcontains(r, "*")]),
          alltrue([for a in flatten([st.Action]) : !strcontains(a, "*")]),
        ]
      ]
    ]))
    error_message = "no rendered groups statement has a `*`"
  }
}
