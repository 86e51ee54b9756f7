using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AttrMapper.LambdaHost.Tests.FakeBootstrap;

/// <summary>Starts hosts around fake_bootstrap.py and talks to their Invoke API, as cognito-local would.</summary>
internal static class FakeRuntime
{
    /// <summary>Bounds a hang only: longer than the init limit and the timeout together.</summary>
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static string ScriptPath { get; } = Executable(Path.Combine(AppContext.BaseDirectory, "FakeBootstrap", "fake_bootstrap.py"));

    public static Task<LocalLambdaHost> StartAsync(
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        int maxConsecutiveFailures = 3,
        Action<OutputLine>? sink = null) =>
        LocalLambdaHost.StartAsync(new LambdaHostOptions
        {
            BootstrapPath = ScriptPath,
            FunctionName = "attrmapper-test",
            Environment = environment ?? new Dictionary<string, string>(),
            // Generous limits, as bounds on a hang: python starting on a loaded machine took over 10 s (Lambda's init
            // limit) under load. A test about a limit sets that one.
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            InitTimeout = TimeSpan.FromSeconds(60),
            MaxConsecutiveFailures = maxConsecutiveFailures,
            OutputSink = sink,
        });

    public static async Task<Answer> InvokeAsync(LocalLambdaHost host, string json, string? functionName = null)
    {
        var uri = functionName is null
            ? host.InvokeUri
            : new Uri(host.BaseAddress, $"2015-03-31/functions/{Uri.EscapeDataString(functionName)}/invocations");
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(uri, content);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(
            (int)response.StatusCode,
            Header(response, "X-Amz-Function-Error"),
            Header(response, "x-amzn-RequestId"),
            Header(response, "x-amzn-ErrorType"),
            body);
    }

    public static bool IsGone(int pid)
    {
        // A reaped process has no /proc entry; a zombie would still show one with state Z.
        var status = $"/proc/{pid}/status";
        return !File.Exists(status) || File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains('Z', StringComparison.Ordinal));
    }

    private static string Executable(string path)
    {
        // The build copies the script; its exec bit is set here rather than trusted to the copy.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}

/// <summary>What the Invoke API answered.</summary>
internal sealed record Answer(int Status, string? FunctionError, string? RequestId, string? ErrorType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
