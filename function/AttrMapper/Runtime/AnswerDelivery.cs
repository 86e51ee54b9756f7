namespace AttrMapper.Runtime;

/// <summary>How the loop's one terminal post for an event went.</summary>
internal enum AnswerDelivery
{
    /// <summary>The answer (or the fault) was posted.</summary>
    Posted,

    /// <summary>Lambda refused the answer as too large (413); the constant fault was posted instead.</summary>
    TooLarge,

    /// <summary>The Runtime API went away mid-invocation; nothing is known to have arrived.</summary>
    NotDelivered,

    /// <summary>The loop was stopping; whatever was posted stands.</summary>
    Cancelled,
}
