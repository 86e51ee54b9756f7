terraform {
  # 1.11: cross-variable validation (1.9+) and mock_provider/override_data in `terraform test` (1.7+).
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.100 is what the offline mirror carries; 6.x renames data.aws_region.name.
      version = "~> 5.100"
    }
  }
}
