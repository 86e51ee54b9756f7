# Output blocks take no `type` argument in Terraform; each description states what the value is.

output "function_arn" {
  description = "ARN (string) of the function: set it as the new pool's lambda_config.user_migration."
  value       = aws_lambda_function.this.arn
}

output "function_name" {
  description = "Name (string) of the function."
  value       = aws_lambda_function.this.function_name
}

output "role_arn" {
  description = "ARN (string) of the function's execution role."
  value       = aws_iam_role.this.arn
}

output "role_policy_names" {
  description = "Names (list of string) of the inline policies on the function's role, one per concern (README, IAM)."
  value = concat(
    [aws_iam_role_policy.logs.name, aws_iam_role_policy.ssm.name],
    aws_iam_role_policy.cognito[*].name, aws_iam_role_policy.kms[*].name, aws_iam_role_policy.sts[*].name,
  )
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
  description = "ARNs of the alarms (map of string, by concern: faults, duration_p99, map_refresh_failures, lambda_errors, lambda_throttles); empty when create_alarms is false."
  value = var.create_alarms ? {
    faults               = aws_cloudwatch_metric_alarm.faults[0].arn
    duration_p99         = aws_cloudwatch_metric_alarm.duration_p99[0].arn
    map_refresh_failures = aws_cloudwatch_metric_alarm.map_refresh_failures[0].arn
    lambda_errors        = aws_cloudwatch_metric_alarm.lambda_errors[0].arn
    lambda_throttles     = aws_cloudwatch_metric_alarm.lambda_throttles[0].arn
  } : {}
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
