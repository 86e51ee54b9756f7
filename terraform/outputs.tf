# Output blocks take no `type` argument in Terraform; each description states what the value is.

output "function_arn" {
  description = "ARN (string) of the function: set it as the new pool's lambda_config.user_migration."
  value       = aws_lambda_function.this.arn
}

output "lambda_config" {
  description = <<-EOT
    What the new pool's lambda_config needs (object): user_migration (function ARN, always) and, with groups_enabled,
    pre_token_generation_config = { lambda_arn, lambda_version = "V1_0" } (the V1 event the function answers),
    post_authentication and post_confirmation (function ARN); those three are null without groups.
  EOT
  value = {
    user_migration = aws_lambda_function.this.arn
    pre_token_generation_config = var.groups_enabled ? {
      lambda_arn     = aws_lambda_function.this.arn
      lambda_version = "V1_0"
    } : null
    post_authentication = var.groups_enabled ? aws_lambda_function.this.arn : null
    post_confirmation   = var.groups_enabled ? aws_lambda_function.this.arn : null
  }
}

output "function_name" {
  description = "Name (string) of the function."
  value       = aws_lambda_function.this.function_name
}

output "role_arn" {
  description = "ARN (string) of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_grants" {
  description = "What the function's role is granted (map by inline policy name, of lists of { actions, resources } sets), read from the policy documents' statements: lets a caller's tests prove each grant's scope (examples/tenant-split does)."
  value = {
    for name, doc in merge(
      { logs = data.aws_iam_policy_document.logs, "ssm-parameters" = data.aws_iam_policy_document.ssm },
      var.assume_old_pool_role ? {} : { "cognito-old-pool" = data.aws_iam_policy_document.cognito },
      var.groups_enabled ? { "cognito-new-pool" = data.aws_iam_policy_document.cognito_new_pool[0] } : {},
      var.use_kms_key ? { "kms-decrypt-parameters" = data.aws_iam_policy_document.kms[0] } : {},
      var.assume_old_pool_role ? { "sts-old-pool-role" = data.aws_iam_policy_document.sts[0] } : {},
    ) : name => [for st in doc.statement : { actions = toset(st.actions), resources = toset(st.resources) }]
  }
}

output "invoke_permission" {
  description = "The function's only invoke permission (object: principal, source_arn, source_account): every trigger of the new pool and nothing else."
  value = {
    principal      = aws_lambda_permission.this.principal
    source_arn     = aws_lambda_permission.this.source_arn
    source_account = aws_lambda_permission.this.source_account
  }
}

output "role_name" {
  description = "Name (string) of the function's execution role."
  value       = aws_iam_role.this.name
}

output "log_group_name" {
  description = "Name (string) of the function's log group, /aws/lambda/<name>."
  value       = aws_cloudwatch_log_group.this.name
}

output "map_parameter_name" {
  description = "Name (string) of the Parameter Store parameter holding the attribute map: edit it there to change the mapping."
  value       = local.map_parameter_name
}

output "map_parameter_arn" {
  description = "ARN (string) of the attribute map parameter."
  value       = local.map_parameter_arn
}

output "old_user_pool_arn" {
  description = "ARN (string) of the old pool the policies are scoped to."
  value       = local.old_user_pool_arn
}

output "old_pool_role_policy_json" {
  description = "IAM policy (JSON string) the cross-account role old_pool_role_arn must carry in the old pool's account; null when no role is used. Its trust policy must allow role_arn (with the external id, if set)."
  value       = var.assume_old_pool_role ? data.aws_iam_policy_document.cognito.json : null
}

output "dashboard_name" {
  description = "Name (string) of the CloudWatch dashboard, or null when create_dashboard is false."
  value       = one(aws_cloudwatch_dashboard.this[*].dashboard_name)
}

output "dashboard_url" {
  description = "Console URL (string) of the dashboard, or null when create_dashboard is false."
  value       = var.create_dashboard ? "https://${local.region}.console.aws.amazon.com/cloudwatch/home?region=${local.region}#dashboards/dashboard/${var.name}" : null
}

output "alarm_arns" {
  description = "ARNs of the alarms (map of string, by concern: faults, duration_p99, map_refresh_failures, lambda_errors, lambda_throttles, and markers_rejected with groups_enabled); empty when create_alarms is false."
  value       = { for k, a in aws_cloudwatch_metric_alarm.this : k => a.arn }
}

output "alarm_topic_arn" {
  description = "ARN (string) of the created alarm SNS topic, or null when create_alarm_topic is false."
  value       = one(aws_sns_topic.this[*].arn)
}

output "key_parameter_name" {
  description = "Name (string) of the SecureString parameter holding the function's key (KEY_PARAMETER), or null when there is none. `attrmapper groups settle` and `sweep` read the same key."
  value       = local.key_parameter_name
}

output "key_parameter_arn" {
  description = "ARN (string) of the key parameter, or null when there is none."
  value       = local.key_parameter_arn
}

output "import_logs_role_arn" {
  description = "ARN (string) of the role Cognito's user import job logs with (attrmapper sweep --logs-role-arn), or null when create_import_logs_role is false."
  value       = one(aws_iam_role.import_logs[*].arn)
}
