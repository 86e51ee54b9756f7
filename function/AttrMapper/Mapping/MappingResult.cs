namespace AttrMapper.Mapping;

/// <summary>The new pool's attributes for one user, or the name of the attribute whose value was too long for Cognito.</summary>
/// <remarks><see cref="Attributes"/> is null exactly when <see cref="OversizedAttribute"/> names an output attribute.</remarks>
public readonly record struct MappingResult(IReadOnlyDictionary<string, string>? Attributes, string? OversizedAttribute);
