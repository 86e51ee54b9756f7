output "old_user_pool_id" {
  description = "Id (string) of the old pool."
  value       = local.old_user_pool_id
}

output "old_migration_client_id" {
  description = "Id (string) of the old pool's migration client (OLD_CLIENT_ID)."
  value       = aws_cognito_user_pool_client.old_migration.id
}

output "new_user_pool_id" {
  description = "Id (string) of the new pool: copy it into new_user_pool_id and apply again to turn on the NEW_USER_POOL_ID guard."
  value       = aws_cognito_user_pool.new.id
}

output "new_app_client_id" {
  description = "Id (string) of the new pool's app client the applications sign in with."
  value       = aws_cognito_user_pool_client.new.id
}

output "function_name" {
  description = "Name (string) of the migration function."
  value       = module.attrmapper.function_name
}

output "map_parameter_name" {
  description = "Parameter Store name (string) of the attribute map: edit it there."
  value       = module.attrmapper.map_parameter_name
}

output "dashboard_url" {
  description = "Console URL (string) of the migration dashboard."
  value       = module.attrmapper.dashboard_url
}

output "alarm_topic_arn" {
  description = "ARN (string) of the alarm topic."
  value       = module.attrmapper.alarm_topic_arn
}

output "new_groups" {
  description = "Names (list of string) of the groups created in the new pool."
  value       = [for g in aws_cognito_user_group.new : g.name]
}

output "key_parameter_name" {
  description = "Parameter Store name (string) of the function's key (KEY_PARAMETER), for attrmapper groups settle and sweep."
  value       = module.attrmapper.key_parameter_name
}

output "import_logs_role_arn" {
  description = "ARN (string) of the role the user import job writes its CloudWatch logs with: attrmapper sweep --logs-role-arn."
  value       = module.attrmapper.import_logs_role_arn
}
