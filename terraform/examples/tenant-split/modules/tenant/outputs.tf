output "new_user_pool_id" {
  description = "Id (string) of this tenant's new pool."
  value       = aws_cognito_user_pool.this.id
}

output "new_user_pool_arn" {
  description = "ARN (string) of this tenant's new pool."
  value       = aws_cognito_user_pool.this.arn
}

output "user_migration_trigger" {
  description = "The function ARN (string) the new pool calls as its user migration trigger."
  value       = aws_cognito_user_pool.this.lambda_config[0].user_migration
}

output "app_client" {
  description = "This tenant's app client (object: id, user_pool_id, explicit_auth_flows)."
  value = {
    id                  = aws_cognito_user_pool_client.this.id
    user_pool_id        = aws_cognito_user_pool_client.this.user_pool_id
    explicit_auth_flows = aws_cognito_user_pool_client.this.explicit_auth_flows
  }
}

output "function_arn" {
  description = "ARN (string) of this tenant's function."
  value       = module.attrmapper.function_arn
}

output "function_name" {
  description = "Name (string) of this tenant's function."
  value       = module.attrmapper.function_name
}

output "map_parameter_name" {
  description = "Parameter Store name (string) of this tenant's map."
  value       = module.attrmapper.map_parameter_name
}

output "invoke_permission" {
  description = "The function's invoke permission (object: principal, source_arn, source_account)."
  value       = module.attrmapper.invoke_permission
}

output "role_grants" {
  description = "What this tenant's function role is granted (map by policy name of { actions, resources } lists)."
  value       = module.attrmapper.role_grants
}
