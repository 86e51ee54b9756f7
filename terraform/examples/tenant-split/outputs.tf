output "old_user_pool_id" {
  description = "Id (string) of the old pool being split."
  value       = local.old_user_pool_id
}

output "old_migration_client_id" {
  description = "Id (string) of the one migration client on the old pool (OLD_CLIENT_ID of every tenant's function)."
  value       = aws_cognito_user_pool_client.old_migration.id
}

output "tenants" {
  description = "Per tenant (map of objects): new_user_pool_id, new_user_pool_arn, user_migration_trigger, app_client, function_arn, function_name, map_parameter_name, select (its map's select section), invoke_permission and role_grants (for the tests and for review)."
  value = {
    for k, t in module.tenant : k => merge(t, { select = local.tenant_maps[k].select })
  }
}
