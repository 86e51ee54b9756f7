namespace AttrMapper.Cognito;

/// <summary>
/// Wraps a transport failure keeping only its type name: messages of socket or parser exceptions can quote data we sent or received.
/// </summary>
internal sealed class CognitoTransportException : Exception
{
    public CognitoTransportException(Exception inner)
        : base($"Transport failure: {inner.GetType().Name}" + (inner is HttpRequestException h && h.HttpRequestError != HttpRequestError.Unknown ? $" ({h.HttpRequestError})" : string.Empty))
    {
        OriginalType = inner.GetType().Name;
    }

    public string OriginalType { get; }
}
