# Issue 13 item 4: the opt-in role Cognito's user import job writes its CloudWatch logs with. Exactly the developer
# guide's trust and permissions ("Creating the CloudWatch Logs IAM role"), in this account and region; nothing else.

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

run "off_by_default" {
  command = plan

  assert {
    condition     = length(aws_iam_role.import_logs) == 0 && length(aws_iam_role_policy.import_logs) == 0 && output.import_logs_role_arn == null
    error_message = "no import logs role unless asked"
  }
}

run "import_logs_role_exactly_as_documented" {
  command = apply

  variables {
    create_import_logs_role = true
  }

  assert {
    condition = (
      length(data.aws_iam_policy_document.import_logs_assume_role[0].statement) == 1 &&
      toset(data.aws_iam_policy_document.import_logs_assume_role[0].statement[0].actions) == toset(["sts:AssumeRole"]) &&
      length(data.aws_iam_policy_document.import_logs_assume_role[0].statement[0].principals) == 1 &&
      one(data.aws_iam_policy_document.import_logs_assume_role[0].statement[0].principals).type == "Service" &&
      toset(one(data.aws_iam_policy_document.import_logs_assume_role[0].statement[0].principals).identifiers) == toset(["cognito-idp.amazonaws.com"])
    )
    error_message = "trust: only cognito-idp.amazonaws.com"
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.import_logs[0].statement) == 1 &&
      data.aws_iam_policy_document.import_logs[0].statement[0].effect == "Allow" &&
      toset(data.aws_iam_policy_document.import_logs[0].statement[0].actions) == toset(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]) &&
      data.aws_iam_policy_document.import_logs[0].statement[0].resources == toset(["arn:aws:logs:eu-central-1:111122223333:log-group:/aws/cognito/*"]) &&
      length(coalesce(data.aws_iam_policy_document.import_logs[0].statement[0].not_resources, [])) == 0 &&
      length(coalesce(data.aws_iam_policy_document.import_logs[0].statement[0].not_actions, [])) == 0
    )
    error_message = "permissions: the four logs actions on log-group:/aws/cognito/* of this account and region only, got ${jsonencode(data.aws_iam_policy_document.import_logs[0].statement)}"
  }
  assert {
    condition = (
      aws_iam_role.import_logs[0].name == "attrmapper-import-logs" &&
      aws_iam_role_policy.import_logs[0].role == aws_iam_role.import_logs[0].id &&
      aws_iam_role.import_logs[0].id != aws_iam_role.this.id &&
      output.import_logs_role_arn == aws_iam_role.import_logs[0].arn
    )
    error_message = "its own role, its own policy, its ARN as the output"
  }
  assert {
    # The function's role gains nothing from it.
    condition     = !contains(keys(output.role_grants), "cognito-import-logs")
    error_message = "the import role's grant is not on the function's role"
  }
}
