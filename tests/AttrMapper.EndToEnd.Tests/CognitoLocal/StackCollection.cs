namespace AttrMapper.EndToEnd.Tests.CognitoLocal;

/// <summary>One stack shared by the classes that only add users of their own, so it starts once.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "cognito-local stack";
}
