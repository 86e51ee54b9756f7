using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers;

/// <summary>An AssumeRole call the local STS received.</summary>
public sealed record AssumeRoleCall(string? RoleArn, string? RoleSessionName, string? ExternalId, bool HadAuthorization);

/// <summary>
/// A local STS answering AssumeRole (AWS Query protocol: form-encoded request, XML answer) with fresh credentials that expire
/// after <see cref="Lifetime"/>, for the cross-account path of the real AWSSDK.SecurityToken client.
/// </summary>
public sealed class LocalSecurityTokenService : IAsyncDisposable
{
    private readonly ConcurrentQueue<AssumeRoleCall> _calls = new();
    private LoopbackServer? _server;
    private int _issued;

    private LocalSecurityTokenService()
    {
    }

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>How long issued credentials are valid, counted from <see cref="Clock"/>.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock for Expiration (a test's fake clock, to line up with the code under test).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>When set, AssumeRole requires this ExternalId and answers AccessDenied otherwise, as a role's trust policy would.</summary>
    public string? RequiredExternalId { get; set; }

    public IReadOnlyList<AssumeRoleCall> Calls => [.. _calls];

    public static async Task<LocalSecurityTokenService> StartAsync()
    {
        var sts = new LocalSecurityTokenService();
        sts._server = await LoopbackServer.StartAsync(sts.HandleAsync).ConfigureAwait(false);
        return sts;
    }

    /// <summary>The access key id of the n-th issued credentials (1-based): ASIALOCAL000001, ...</summary>
    public static string AccessKeyId(int n) => $"ASIALOCAL{n:D6}";

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        var action = form?["Action"].ToString();
        var call = new AssumeRoleCall(form?["RoleArn"].ToString(), form?["RoleSessionName"].ToString(), NullIfEmpty(form?["ExternalId"].ToString()),
            context.Request.Headers.Authorization.ToString().Length > 0);
        if (action != "AssumeRole")
        {
            await WriteErrorAsync(context, 400, "InvalidAction", "Could not find operation " + action).ConfigureAwait(false);
            return;
        }

        _calls.Enqueue(call);
        if (!call.HadAuthorization)
        {
            await WriteErrorAsync(context, 403, "MissingAuthenticationToken", "Request is missing Authentication Token").ConfigureAwait(false);
            return;
        }

        if (RequiredExternalId is not null && call.ExternalId != RequiredExternalId)
        {
            await WriteErrorAsync(context, 403, "AccessDenied", $"User is not authorized to perform: sts:AssumeRole on resource: {call.RoleArn}").ConfigureAwait(false);
            return;
        }

        var n = Interlocked.Increment(ref _issued);
        var expiration = (Clock.GetUtcNow() + Lifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var arn = SecurityElement.Escape(call.RoleArn ?? string.Empty);
        var session = SecurityElement.Escape(call.RoleSessionName ?? string.Empty);
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <SourceIdentity></SourceIdentity>
                <AssumedRoleUser>
                  <Arn>{arn}/{session}</Arn>
                  <AssumedRoleId>AROALOCALEXAMPLE:{session}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{AccessKeyId(n)}</AccessKeyId>
                  <SecretAccessKey>local-secret-{n}</SecretAccessKey>
                  <SessionToken>local-session-token-{n}</SessionToken>
                  <Expiration>{expiration}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>{Guid.NewGuid()}</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>
            """, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync($"""
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error>
                <Type>Sender</Type>
                <Code>{code}</Code>
                <Message>{SecurityElement.Escape(message)}</Message>
              </Error>
              <RequestId>{Guid.NewGuid()}</RequestId>
            </ErrorResponse>
            """, context.RequestAborted);
    }
}
