# Values that are knowably wrong are refused at plan time, before anything reaches AWS.

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

run "timeout_over_five_seconds" {
  command = plan
  variables {
    timeout = 6
  }
  expect_failures = [var.timeout]
}

run "deadline_not_below_timeout" {
  command = plan
  variables {
    timeout               = 4
    migration_deadline_ms = 4000
  }
  expect_failures = [var.migration_deadline_ms]
}

run "bad_old_pool_id" {
  command = plan
  variables {
    old_user_pool_id = "eu-west-1-no-underscore"
  }
  expect_failures = [var.old_user_pool_id]
}

run "bad_new_pool_id" {
  command = plan
  variables {
    new_user_pool_id = "NewPool9"
  }
  expect_failures = [var.new_user_pool_id]
}

run "bad_new_pool_arn" {
  command = plan
  variables {
    new_user_pool_arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/*"
  }
  expect_failures = [var.new_user_pool_arn]
}

run "unknown_architecture" {
  command = plan
  variables {
    architecture = "aarch64"
  }
  expect_failures = [var.architecture]
}

run "unknown_alias_lookup" {
  command = plan
  variables {
    alias_lookup = "username"
  }
  expect_failures = [var.alias_lookup]
}

run "negative_cache_ttl" {
  command = plan
  variables {
    map_cache_ttl_seconds = -1
  }
  expect_failures = [var.map_cache_ttl_seconds]
}

run "map_given_twice" {
  command = plan
  variables {
    map_document = "{\"version\":1,\"rules\":[]}"
  }
  expect_failures = [var.map_document_file]
}

run "map_not_version_1" {
  command = plan
  variables {
    map_document_file = null
    map_document      = "{\"version\":2,\"rules\":[]}"
  }
  expect_failures = [var.map_document_file]
}

run "external_id_without_role" {
  command = plan
  variables {
    old_pool_external_id = "attrmapper-migration"
  }
  expect_failures = [var.old_pool_external_id]
}

run "kms_alias_instead_of_key_arn" {
  command = plan
  variables {
    use_kms_key = true
    kms_key_arn = "alias/aws/ssm"
  }
  expect_failures = [var.kms_key_arn]
}

# The plan-time switches and the ARNs they govern go together, both ways: a switch without its ARN would grant
# nothing useful, an ARN without its switch would be silently ignored.
run "kms_key_arn_without_use_kms_key" {
  command = plan
  variables {
    kms_key_arn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  expect_failures = [var.kms_key_arn]
}

run "use_kms_key_without_kms_key_arn" {
  command = plan
  variables {
    use_kms_key = true
  }
  expect_failures = [var.kms_key_arn]
}

run "old_pool_role_arn_without_assume_old_pool_role" {
  command = plan
  variables {
    old_pool_role_arn = "arn:aws:iam::444455556666:role/attrmapper-old-pool-access"
  }
  expect_failures = [var.old_pool_role_arn]
}

run "assume_old_pool_role_without_old_pool_role_arn" {
  command = plan
  variables {
    assume_old_pool_role = true
  }
  expect_failures = [var.old_pool_role_arn]
}

run "unsupported_log_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "map_parameter_name_not_hierarchical" {
  command = plan
  variables {
    map_parameter_name = "attribute map"
  }
  expect_failures = [var.map_parameter_name]
}

run "architecture_contradicts_the_zip_name" {
  command = plan
  variables {
    architecture = "arm64"
  }
  # test.sh passes dist-style attrmapper-x86_64.zip
  expect_failures = [var.architecture]
}

run "key_parameter_name_with_spaces" {
  command = plan
  variables {
    key_parameter_name = "attrmapper key"
  }
  expect_failures = [var.key_parameter_name]
}

run "key_parameter_version_zero" {
  command = plan
  variables {
    key_parameter_version = 0
  }
  expect_failures = [var.key_parameter_version]
}
