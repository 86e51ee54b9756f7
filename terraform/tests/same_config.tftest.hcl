# Issue 10 item 4: kms_key_arn and old_pool_role_arn coming from resources created in the same configuration are
# unknown at plan time (the mock provider, like AWS, knows them only after apply). The module decides every count from
# the plan-time switches use_kms_key / assume_old_pool_role, so the plan succeeds and already knows which policies the
# role gets. Before, this plan failed with "Error: Invalid count argument" in iam.tf.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_data {
  target = module.attrmapper.data.aws_region.current
  values = { name = "eu-central-1" }
}

run "plan_with_key_and_role_from_this_configuration" {
  command = plan

  module {
    source = "./tests/same-config"
  }

  assert {
    condition     = toset(output.role_policy_names) == toset(["logs", "ssm-parameters", "kms-decrypt-parameters", "sts-old-pool-role"])
    error_message = "with the key and the role: logs, ssm, kms and sts (no cognito grant on the function role), got ${jsonencode(output.role_policy_names)}"
  }
}

run "plan_with_key_from_this_configuration" {
  command = plan

  module {
    source = "./tests/same-config"
  }

  variables {
    with_role = false
  }

  assert {
    condition     = toset(output.role_policy_names) == toset(["logs", "ssm-parameters", "cognito-old-pool", "kms-decrypt-parameters"])
    error_message = "with the key only: logs, ssm, cognito and kms, got ${jsonencode(output.role_policy_names)}"
  }
}
