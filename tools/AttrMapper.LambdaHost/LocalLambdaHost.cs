using System.Net;
using AttrMapper.LambdaHost.Bootstrap;
using AttrMapper.LambdaHost.Invocations;
using AttrMapper.LambdaHost.InvokeApi;
using AttrMapper.LambdaHost.RuntimeApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AttrMapper.LambdaHost;

/// <summary>
/// A local Lambda for one function: runs its bootstrap as a child process, serves it the Runtime API, and serves
/// callers (cognito-local, tests) the Invoke API, on 127.0.0.1 only. Dispose it to stop the child.
/// </summary>
public sealed class LocalLambdaHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Sandbox _sandbox;
    private readonly BootstrapSupervisor _supervisor;
    private readonly OutputLog _output;
    private readonly InvocationLog _invocations;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private LocalLambdaHost(
        LambdaHostOptions options,
        WebApplication app,
        Sandbox sandbox,
        BootstrapSupervisor supervisor,
        OutputLog output,
        InvocationLog invocations,
        CancellationTokenSource stopping,
        Uri baseAddress)
    {
        Options = options;
        _app = app;
        _sandbox = sandbox;
        _supervisor = supervisor;
        _output = output;
        _invocations = invocations;
        _stopping = stopping;
        BaseAddress = baseAddress;
    }

    public LambdaHostOptions Options { get; }

    /// <summary>Where both APIs listen, e.g. <c>http://127.0.0.1:43123/</c>; give it to cognito-local's <c>LambdaClient</c> as its endpoint.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Invoke API URL of the function.</summary>
    public Uri InvokeUri => new(BaseAddress, $"2015-03-31/functions/{Options.FunctionName}/invocations");

    /// <summary>The value the child gets as <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string RuntimeApi => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public string FunctionArn => Options.FunctionArn;

    /// <summary>Invocations answered so far, whatever their outcome.</summary>
    public int InvocationCount => _invocations.Count;

    /// <summary>The last <see cref="LambdaHostOptions.RecordCapacity"/> invocations, oldest first.</summary>
    public IReadOnlyList<InvocationRecord> RecentInvocations => _invocations.Snapshot();

    /// <summary>The last <see cref="LambdaHostOptions.OutputCapacity"/> output lines, oldest first.</summary>
    public IReadOnlyList<OutputLine> OutputLines => _output.Snapshot();

    /// <summary>The running child's process id; null between a child's end and its restart, and after giving up.</summary>
    public int? ChildProcessId => _supervisor.ProcessId;

    /// <summary>How many times a child process was started.</summary>
    public int ChildStartCount => _supervisor.StartCount;

    /// <summary>Whether restarts are exhausted (see <see cref="LambdaHostOptions.MaxConsecutiveFailures"/>).</summary>
    public bool IsGivenUp => _sandbox.IsUnavailable;

    public static async Task<LocalLambdaHost> StartAsync(LambdaHostOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var output = new OutputLog(options.OutputCapacity, options.OutputSink, options.TimeProvider);
        var invocations = new InvocationLog(options.RecordCapacity);
        var sandbox = new Sandbox(options, invocations);
        var supervisor = new BootstrapSupervisor(options, sandbox, output);
        sandbox.Child = supervisor;
        var stopping = new CancellationTokenSource();

        // The empty builder reads no configuration and logs nowhere: nothing from the environment can move the
        // listener off loopback, and stdout stays free for the one "listening" line the CLI prints.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        new RuntimeApiEndpoints(options, sandbox, stopping.Token).Map(app);
        new InvokeApiEndpoints(options, sandbox, stopping.Token).Map(app);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        var host = new LocalLambdaHost(options, app, sandbox, supervisor, output, invocations, stopping, baseAddress);
        supervisor.Start(host.RuntimeApi);
        return host;
    }

    /// <summary>Invokes the function in-process through the same queue as the Invoke API.</summary>
    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken ct = default) =>
        _sandbox.InvokeAsync(payload.ToArray(), null, null, ct);

    /// <summary>True once the current child has asked for its first invocation; false if the host gave up or stopped.</summary>
    public Task<bool> WaitUntilReadyAsync(CancellationToken ct = default) => _sandbox.WaitUntilReadyAsync(ct);

    /// <summary>The first output line (already kept, or still to come) that matches.</summary>
    public Task<OutputLine> WaitForOutputAsync(Func<OutputLine, bool> match, CancellationToken ct = default) =>
        _output.WaitForAsync(match, ct);

    /// <summary>Stops the child (killing its process tree), answers waiting invocations, and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The child goes first, so it never sees the Runtime API fail under it and is gone before the listener is.
        await _supervisor.DisposeAsync().ConfigureAwait(false);
        _sandbox.Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
