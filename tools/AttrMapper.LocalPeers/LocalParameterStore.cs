using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AttrMapper.LocalPeers;

/// <summary>How <see cref="LocalParameterStore"/> misbehaves, for failure tests.</summary>
public enum ParameterStoreFailure
{
    None,

    /// <summary>HTTP 500 InternalServerError.</summary>
    InternalError,

    /// <summary>HTTP 400 ThrottlingException.</summary>
    Throttle,

    /// <summary>Never answers until the client gives up, the store stops, or <see cref="LocalParameterStore.HangLimit"/> passes.</summary>
    Hang,
}

/// <summary>
/// A local Parameter Store (AWS JSON 1.1, X-Amz-Target AmazonSSM.*): GetParameter and PutParameter with incrementing versions,
/// Overwrite semantics and AWS-shaped errors, enough for the real AWSSDK.SimpleSystemsManagement client.
/// </summary>
public sealed class LocalParameterStore : IAsyncDisposable
{
    private const string TargetPrefix = "AmazonSSM";
    private readonly Dictionary<string, (string Value, string Type, long Version)> _parameters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackServer? _server;
    private readonly List<(int Count, TaskCompletionSource Reached)> _getWaiters = [];
    private int _getCalls;
    private int _putCalls;

    private LocalParameterStore()
    {
    }

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("Not started.");

    /// <summary>Set to make every request fail this way; None answers normally.</summary>
    public ParameterStoreFailure Failure { get; set; }

    /// <summary>Only GetParameter fails this way (PutParameter still works, so a test can edit the map meanwhile); None: as <see cref="Failure"/> says.</summary>
    public ParameterStoreFailure GetParameterFailure { get; set; }

    /// <summary>Every GetParameter answers (or fails) only after this long: a slow Parameter Store. Ends early when the client gives up.</summary>
    public TimeSpan GetParameterDelay { get; set; }

    /// <summary>A hanging request is dropped after this long at the latest, so a client that never gives up cannot hold the store for ever.</summary>
    public TimeSpan HangLimit { get; set; } = TimeSpan.FromMinutes(2);

    public int GetParameterCalls => Volatile.Read(ref _getCalls);

    /// <summary>
    /// Completes once GetParameter has been received at least <paramref name="count"/> times in all (counted on arrival,
    /// before any scripted delay or hang); throws <see cref="TimeoutException"/> after <paramref name="within"/>.
    /// </summary>
    public async Task WaitForGetParameterCallsAsync(int count, TimeSpan within)
    {
        TaskCompletionSource reached;
        lock (_getWaiters)
        {
            if (_getCalls >= count)
            {
                return;
            }

            reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _getWaiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(within).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"GetParameter received {GetParameterCalls} time(s), not {count}, within {within}.");
        }
    }

    public int PutParameterCalls => Volatile.Read(ref _putCalls);

    public static async Task<LocalParameterStore> StartAsync()
    {
        var store = new LocalParameterStore();
        store._server = await LoopbackServer.StartAsync(store.HandleAsync).ConfigureAwait(false);
        return store;
    }

    /// <summary>Writes a parameter directly (as an overwriting PutParameter would) and returns its new version.</summary>
    public long Put(string name, string value, string type = "String")
    {
        lock (_parameters)
        {
            var version = _parameters.TryGetValue(name, out var old) ? old.Version + 1 : 1;
            _parameters[name] = (value, type, version);
            return version;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static string? Str(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private async Task HandleAsync(HttpContext context)
    {
        var operation = AwsJson.Operation(context.Request, TargetPrefix);
        var body = await AwsJson.ReadBodyAsync(context.Request).ConfigureAwait(false);
        var failure = Failure;
        if (operation == "GetParameter")
        {
            CountGetParameter();
            if (GetParameterFailure != ParameterStoreFailure.None)
            {
                failure = GetParameterFailure;
            }

            if (GetParameterDelay > TimeSpan.Zero && !await WaitAsync(context, GetParameterDelay).ConfigureAwait(false))
            {
                return;
            }
        }
        else if (operation == "PutParameter")
        {
            Interlocked.Increment(ref _putCalls);
        }

        switch (failure)
        {
            case ParameterStoreFailure.InternalError:
                await AwsJson.WriteAsync(context.Response, 500, AwsJson.Error("InternalServerError", "An internal error occurred.")).ConfigureAwait(false);
                return;
            case ParameterStoreFailure.Throttle:
                await AwsJson.WriteAsync(context.Response, 400, AwsJson.Error("ThrottlingException", "Rate exceeded")).ConfigureAwait(false);
                return;
            case ParameterStoreFailure.Hang:
                await WaitAsync(context, HangLimit).ConfigureAwait(false);
                context.Abort();
                return;
        }

        if (context.Request.Headers.Authorization.ToString().Length == 0)
        {
            await AwsJson.WriteAsync(context.Response, 400, AwsJson.Error("MissingAuthenticationTokenException", "Missing Authentication Token")).ConfigureAwait(false);
            return;
        }

        var (status, json) = operation switch
        {
            "GetParameter" => GetParameter(body),
            "PutParameter" => PutParameter(body),
            _ => (400, AwsJson.Error("UnknownOperationException", string.Empty)),
        };
        await AwsJson.WriteAsync(context.Response, status, json).ConfigureAwait(false);
    }

    private void CountGetParameter()
    {
        lock (_getWaiters)
        {
            var calls = Interlocked.Increment(ref _getCalls);
            foreach (var waiter in _getWaiters.Where(w => w.Count <= calls).ToList())
            {
                waiter.Reached.TrySetResult();
                _getWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/>; false (the connection dropped) when the client gave up or the store stopped first.</summary>
    private async Task<bool> WaitAsync(HttpContext context, TimeSpan delay)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(delay, abort.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    private (int, string) GetParameter(JsonObject? body)
    {
        var name = Str(body, "Name");
        if (string.IsNullOrEmpty(name))
        {
            return (400, AwsJson.Error("ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"));
        }

        (string Value, string Type, long Version) p;
        lock (_parameters)
        {
            if (!_parameters.TryGetValue(name, out p))
            {
                return (400, AwsJson.Error("ParameterNotFound", string.Empty));
            }
        }

        // Without decryption a SecureString comes back as its ciphertext, never the clear value.
        var value = p.Type == "SecureString" && !Bool(body, "WithDecryption")
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes("ciphertext:" + p.Version))
            : p.Value;
        return (200, new JsonObject
        {
            ["Parameter"] = new JsonObject
            {
                ["ARN"] = $"arn:aws:ssm:us-east-1:000000000000:parameter{(name.StartsWith('/') ? name : "/" + name)}",
                ["DataType"] = "text",
                ["LastModifiedDate"] = 1.7e9,
                ["Name"] = name,
                ["Type"] = p.Type,
                ["Value"] = value,
                ["Version"] = p.Version,
            },
        }.ToJsonString());
    }

    private (int, string) PutParameter(JsonObject? body)
    {
        var name = Str(body, "Name");
        var value = Str(body, "Value");
        if (string.IsNullOrEmpty(name) || value is null)
        {
            return (400, AwsJson.Error("ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"));
        }

        var type = Str(body, "Type");
        long version;
        lock (_parameters)
        {
            if (_parameters.TryGetValue(name, out var old))
            {
                if (!Bool(body, "Overwrite"))
                {
                    return (400, AwsJson.Error("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."));
                }

                version = old.Version + 1;
                _parameters[name] = (value, type ?? old.Type, version);
            }
            else
            {
                version = 1;
                _parameters[name] = (value, type ?? "String", version);
            }
        }

        return (200, new JsonObject { ["Tier"] = "Standard", ["Version"] = version }.ToJsonString());
    }
}
