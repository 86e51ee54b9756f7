using System.Buffers;
using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace AttrMapper.Mapping;

/// <summary>A validated, immutable attribute map, compiled for <see cref="Apply"/>. Only <see cref="MapDocument.Parse(string)"/> builds one.</summary>
/// <remarks>
/// Apply semantics (section 4), with the decisions taken where it is silent:
/// <list type="bullet">
/// <item>Rules read the source snapshot, never each other's output: a→b with b→a swaps.</item>
/// <item>Under <c>unmapped: copy</c> a source attribute is "named by a rule" when it is the <c>from</c> of a copy,
/// rename or drop, or the target of a copy or rename; a default does not name its target, so a source value still
/// wins over the default. Unnamed source attributes are copied only if their name is a valid target, which keeps out
/// sub, identities, username, cognito:*, dev:* and anything the new pool could not take.</item>
/// <item>A name that appears twice in the source: the first occurrence wins.</item>
/// <item>email_verified / phone_number_verified are held back during the pass and emitted at the end only if email /
/// phone_number was emitted from the source's own email / phone_number (copy or unmapped copy; not a rename, not a
/// default). With <c>allowUnsafeVerification</c> the operator vouches for the source, and a flag needs only its
/// attribute to be in the output.</item>
/// <item>A value over 2048 characters rejects the user only if it would be emitted.</item>
/// <item>With <c>groups</c>, the marker attribute is treated like a dropped name: an old attribute of that name
/// never passes through <c>unmapped: copy</c>, so only the handler ever writes the marker.</item>
/// </list>
/// </remarks>
public sealed class AttributeMap
{
    private readonly FrozenDictionary<string, Emission[]> _bySource;
    private readonly FrozenSet<string> _ruleTargets;
    private readonly string[] _slotTargets;
    private readonly string?[] _slotDefaults;
    private readonly int _emailSlot;
    private readonly int _phoneNumberSlot;
    private readonly string? _defaultEmailVerified;
    private readonly string? _defaultPhoneNumberVerified;
    private readonly bool _emailFromRename;
    private readonly bool _phoneNumberFromRename;
    private readonly int _extraCapacity;
    private readonly FrozenDictionary<string, ChallengeAction> _challenges;

    private AttributeMap(MapDraft draft)
    {
        Version = draft.Version ?? 1;
        Unmapped = draft.Unmapped;
        AllowUnsafeVerification = draft.AllowUnsafeVerification;
        User = draft.User;
        _challenges = draft.Challenges.ToFrozenDictionary(StringComparer.Ordinal);

        var bySource = new Dictionary<string, List<Emission>>(StringComparer.Ordinal);
        var ruleTargets = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<string>();
        var defaults = new List<KeyValuePair<string, string>>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int SlotFor(string name) => slots.TryGetValue(name, out var slot) ? slot : slots[name] = slots.Count;
        foreach (var rule in draft.Rules)
        {
            switch (rule.Op)
            {
                case RuleOp.Copy or RuleOp.Rename:
                    var target = rule.Target!;
                    var flag = SlotOf(target);
                    EmissionsOf(bySource, rule.From!).Add(new Emission(target, flag, flag == FlagSlot.None ? SlotFor(target) : -1));
                    ruleTargets.Add(target);
                    targets.Add(target);
                    _emailFromRename |= rule.Op == RuleOp.Rename && target == AttributeNames.Email;
                    _phoneNumberFromRename |= rule.Op == RuleOp.Rename && target == AttributeNames.PhoneNumber;
                    break;
                case RuleOp.Drop:
                    EmissionsOf(bySource, rule.From!);
                    break;
                case RuleOp.Default:
                    targets.Add(rule.To!);
                    switch (SlotOf(rule.To!))
                    {
                        case FlagSlot.EmailVerified:
                            _defaultEmailVerified = rule.Value;
                            break;
                        case FlagSlot.PhoneNumberVerified:
                            _defaultPhoneNumberVerified = rule.Value;
                            break;
                        default:
                            defaults.Add(new(rule.To!, rule.Value!));
                            SlotFor(rule.To!);
                            break;
                    }

                    break;
            }
        }

        _extraCapacity = defaults.Count + 2 + Math.Max(0, bySource.Values.Sum(e => e.Count) - bySource.Count);
        AttributeSource = draft.AttributeSource;
        ReadAttributes = new ReadOnlyCollection<string>([.. draft.Rules
            .Where(r => r.From is not null)
            .Select(r => r.From!)
            .Append(draft.Select?.Attribute)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)]);
        Select = draft.Select is { } select ? UserSelection.FromValidDraft(select) : null;
        if (draft.Groups is { } groups)
        {
            // The marker is the function's own: an old attribute of that name never passes through unmapped: copy.
            Groups = GroupMap.FromValidDraft(groups);
            EmissionsOf(bySource, groups.Marker!);
        }

        _bySource = bySource.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _ruleTargets = ruleTargets.ToFrozenSet(StringComparer.Ordinal);
        _slotTargets = new string[slots.Count];
        foreach (var (name, slot) in slots)
        {
            _slotTargets[slot] = name;
        }

        _slotDefaults = new string?[slots.Count];
        foreach (var (name, value) in defaults)
        {
            _slotDefaults[slots[name]] = value;
        }

        // Only a copy or rename puts email / phone_number in a slot from the source; a default-only slot does not.
        _emailSlot = ruleTargets.Contains(AttributeNames.Email) ? slots[AttributeNames.Email] : -1;
        _phoneNumberSlot = ruleTargets.Contains(AttributeNames.PhoneNumber) ? slots[AttributeNames.PhoneNumber] : -1;
        Targets = new ReadOnlyCollection<string>([.. targets.Distinct(StringComparer.Ordinal)]);
    }

    private enum FlagSlot : byte
    {
        None,
        EmailVerified,
        PhoneNumberVerified,
    }

    /// <summary>The document's version (always 1 today).</summary>
    public int Version { get; }

    /// <summary>How Cognito creates a migrated user.</summary>
    public UserSettings User { get; }

    public UnmappedPolicy Unmapped { get; }

    public bool AllowUnsafeVerification { get; }

    /// <summary>Every name a rule can emit (copy, rename and default targets), in rule order; for schema checks.</summary>
    public IReadOnlyCollection<string> Targets { get; }

    /// <summary>Where a sign-in migration reads the old attributes: AdminGetUser (the default) or the ID token.</summary>
    public AttributeSource AttributeSource { get; }

    /// <summary>Every old attribute the map reads (copy, rename and drop sources, then the select attribute), once each, in document order.</summary>
    /// <remarks>For the CLI's check that the old app client can read them all under <see cref="AttributeSource.IdToken"/>.</remarks>
    public IReadOnlyList<string> ReadAttributes { get; }

    /// <summary>The <c>select</c> section: which old users this pool takes; null when the map takes everyone.</summary>
    public UserSelection? Select { get; }

    /// <summary>The <c>groups</c> section: how old group memberships map to the new pool's; null when the map has none.</summary>
    public GroupMap? Groups { get; }

    /// <summary>The action for an old-pool challenge; a challenge the map does not mention, or an unknown one, is rejected.</summary>
    public ChallengeAction ChallengeFor(string challengeName) =>
        challengeName is not null && _challenges.TryGetValue(challengeName, out var action) ? action : ChallengeAction.Reject;

    /// <summary>Maps one user's old attributes (a snapshot) to the new pool's, in one pass. Pure.</summary>
    /// <remarks>
    /// Output order (the answer is written in it): attributes copied as unmapped, in source order; then every rule
    /// target in rule order; then email_verified, phone_number_verified. Under <c>unmapped: drop</c> (which IdToken
    /// requires) the order depends on the map alone, so both attribute sources give byte-identical answers.
    /// </remarks>
    public MappingResult Apply(IReadOnlyList<KeyValuePair<string, string>> source)
    {
        ArgumentNullException.ThrowIfNull(source);

        // Rule outputs wait in slots (rule order) and enter the output after the pass, so the answer's order depends
        // on the map, not on the order the source lists attributes in. Pooled: no allocation beyond the output.
        var slots = _slotTargets.Length == 0 ? Array.Empty<string?>() : ArrayPool<string?>.Shared.Rent(_slotTargets.Length);
        try
        {
            return Apply(source, slots);
        }
        finally
        {
            if (slots.Length > 0)
            {
                ArrayPool<string?>.Shared.Return(slots, clearArray: true);
            }
        }
    }

    private MappingResult Apply(IReadOnlyList<KeyValuePair<string, string>> source, string?[] slots)
    {
        var output = new Dictionary<string, string>(source.Count + _extraCapacity, StringComparer.Ordinal);
        string? emailVerified = null;
        string? phoneNumberVerified = null;

        // Of several oversized values, the one named is the first in the answer's own order (unmapped copies in source
        // order, then rule targets in rule order), so the outcome does not depend on the order the source lists them in.
        var oversizedSlot = int.MaxValue;

        // Indexer, not foreach: enumerating through the interface would allocate.
        for (var i = 0; i < source.Count; i++)
        {
            var (name, value) = source[i];
            if (name is null || value is null)
            {
                continue;
            }

            if (_bySource.TryGetValue(name, out var emissions))
            {
                foreach (var emission in emissions)
                {
                    switch (emission.Flag)
                    {
                        case FlagSlot.EmailVerified:
                            emailVerified ??= value;
                            break;
                        case FlagSlot.PhoneNumberVerified:
                            phoneNumberVerified ??= value;
                            break;
                        default:
                            if (slots[emission.Slot] is null)
                            {
                                slots[emission.Slot] = value;
                                if (value.Length > AttributeNames.MaxValueLength)
                                {
                                    oversizedSlot = Math.Min(oversizedSlot, emission.Slot);
                                }
                            }

                            break;
                    }
                }
            }
            else if (Unmapped == UnmappedPolicy.Copy && !_ruleTargets.Contains(name) && AttributeNames.IsValidTarget(name))
            {
                switch (SlotOf(name))
                {
                    case FlagSlot.EmailVerified:
                        emailVerified ??= value;
                        break;
                    case FlagSlot.PhoneNumberVerified:
                        phoneNumberVerified ??= value;
                        break;
                    default:
                        if (output.TryAdd(name, value) && value.Length > AttributeNames.MaxValueLength)
                        {
                            return new MappingResult(null, name);
                        }

                        break;
                }
            }
        }

        if (oversizedSlot != int.MaxValue)
        {
            return new MappingResult(null, _slotTargets[oversizedSlot]);
        }

        // Before the defaults: only what came from the source counts as the source's own email / phone number.
        var emailIsOwn = !_emailFromRename && (_emailSlot >= 0 ? slots[_emailSlot] is not null : output.ContainsKey(AttributeNames.Email));
        var phoneNumberIsOwn = !_phoneNumberFromRename
            && (_phoneNumberSlot >= 0 ? slots[_phoneNumberSlot] is not null : output.ContainsKey(AttributeNames.PhoneNumber));

        // A default fills its slot only when the source gave nothing, and never replaces an unmapped copy.
        for (var slot = 0; slot < _slotTargets.Length; slot++)
        {
            if ((slots[slot] ?? _slotDefaults[slot]) is { } value)
            {
                output.TryAdd(_slotTargets[slot], value);
            }
        }

        var emailFlag = emailVerified ?? _defaultEmailVerified;
        if (emailFlag is not null && (AllowUnsafeVerification ? output.ContainsKey(AttributeNames.Email) : emailIsOwn))
        {
            if (emailFlag.Length > AttributeNames.MaxValueLength)
            {
                return new MappingResult(null, AttributeNames.EmailVerified);
            }

            output.Add(AttributeNames.EmailVerified, emailFlag);
        }

        var phoneFlag = phoneNumberVerified ?? _defaultPhoneNumberVerified;
        if (phoneFlag is not null && (AllowUnsafeVerification ? output.ContainsKey(AttributeNames.PhoneNumber) : phoneNumberIsOwn))
        {
            if (phoneFlag.Length > AttributeNames.MaxValueLength)
            {
                return new MappingResult(null, AttributeNames.PhoneNumberVerified);
            }

            output.Add(AttributeNames.PhoneNumberVerified, phoneFlag);
        }

        return new MappingResult(output, null);
    }

    /// <summary>Compiles a draft that <see cref="MapValidator"/> found no problem in.</summary>
    internal static AttributeMap FromValidDraft(MapDraft draft) => new(draft);

    private static List<Emission> EmissionsOf(Dictionary<string, List<Emission>> bySource, string source)
    {
        if (!bySource.TryGetValue(source, out var emissions))
        {
            emissions = [];
            bySource.Add(source, emissions);
        }

        return emissions;
    }

    private static FlagSlot SlotOf(string name) => name switch
    {
        AttributeNames.EmailVerified => FlagSlot.EmailVerified,
        AttributeNames.PhoneNumberVerified => FlagSlot.PhoneNumberVerified,
        _ => FlagSlot.None,
    };

    /// <summary>One output of a source attribute; flags go to a slot that is settled after the pass.</summary>
    /// <param name="Slot">The output slot (rule order) for a non-flag target; -1 for a flag.</param>
    private readonly record struct Emission(string Target, FlagSlot Flag, int Slot);
}
