using AttrMapper.Mapping;

namespace AttrMapper.Migration;

/// <summary>What the function tells Cognito to do with a user: the members of the event's <c>response</c>.</summary>
public sealed record MigrationAnswer(
    IReadOnlyDictionary<string, string> UserAttributes,
    string FinalUserStatus,
    string MessageAction,
    IReadOnlyList<string>? DesiredDeliveryMediums = null,
    bool? ForceAliasCreation = null,
    bool? EnableSmsMfa = null)
{
    public static MigrationAnswer FromSettings(IReadOnlyDictionary<string, string> attributes, UserSettings settings) =>
        new(attributes, settings.FinalUserStatus, settings.MessageAction, settings.DesiredDeliveryMediums, settings.ForceAliasCreation);
}
