# A plan with the real provider, configured offline (no credentials, every endpoint on a closed local port): the
# provider's own argument validation runs on every resource of the example, the module included.

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
  target = module.attrmapper.data.aws_caller_identity.current
  values = { account_id = "111122223333", arn = "arn:aws:iam::111122223333:user/terraform", user_id = "AIDAEXAMPLE" }
}

run "plan_with_the_real_provider" {
  command = plan

  variables {
    alarm_email = "oncall@example.com"
  }

  assert {
    condition     = toset(aws_cognito_user_pool_client.new.explicit_auth_flows) == toset(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    error_message = "the app client allows USER_PASSWORD_AUTH during the window"
  }
  assert {
    condition     = length(aws_cognito_user_pool.new.lambda_config) == 1
    error_message = "the new pool has the trigger"
  }
}
