using AttrMapper.LambdaHost;
using AttrMapper.LocalPeers.CognitoLocal;

namespace AttrMapper.Demo.Stack;

/// <summary>One tenant's new pool and the function that migrates into it.</summary>
public sealed record TenantPool(
    string Tenant,
    string UserPoolId,
    string ClientId,
    string MapParameter,
    CognitoLocalProcess Pool,
    CognitoFidelityProxy Api,
    UserMigrationTriggerProxy Trigger,
    LocalLambdaHost Function);
