# A root configuration that creates the customer key and the cross-account role itself and feeds their ARNs to the
# module: unknown until apply. tests/same_config.tftest.hcl plans it; the module's count/for_each must not depend on
# those ARNs (issue 10 item 4: this used to fail with "Invalid count argument").

terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "package_path" {
  type        = string
  description = "The dummy zip test.sh builds."
}

variable "with_role" {
  type        = bool
  description = "Reach the old pool through the role created here (else: the key only)."
  default     = true
}

resource "aws_kms_key" "this" {
  description = "parameters of the migration function"
}

resource "aws_iam_role" "old_pool" {
  name               = "attrmapper-old-pool-access"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

module "attrmapper" {
  source = "../.."

  package_path      = var.package_path
  old_user_pool_id  = "eu-west-1_OldPool1"
  old_client_id     = "1example23456789migration"
  new_user_pool_arn = "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_NewPool9"
  map_document_file = "${path.module}/../attribute-map.json"

  map_parameter_type = "SecureString"
  use_kms_key        = true
  kms_key_arn        = aws_kms_key.this.arn

  assume_old_pool_role = var.with_role
  old_pool_role_arn    = var.with_role ? aws_iam_role.old_pool.arn : null
}

output "role_policy_names" {
  description = "Inline policies (list of string) the module put on the function role."
  value       = keys(module.attrmapper.role_grants)
}
