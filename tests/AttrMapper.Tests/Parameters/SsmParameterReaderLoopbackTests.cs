using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AttrMapper.Aws;
using AttrMapper.LocalPeers;
using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Parameters;

/// <summary>The real AWSSDK.SimpleSystemsManagement client, pointed by endpoint variable at the local Parameter Store.</summary>
public sealed class SsmParameterReaderLoopbackTests : IAsyncLifetime
{
    private LocalParameterStore _store = null!;
    private SsmParameterReader _reader = null!;

    public async Task InitializeAsync()
    {
        _store = await LocalParameterStore.StartAsync();
        var env = new Dictionary<string, string?> { [AwsEndpoints.SsmVariable] = _store.Endpoint.ToString() };
        _reader = SsmParameterReader.Create(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), "eu-west-1", n => env.GetValueOrDefault(n));
    }

    public async Task DisposeAsync()
    {
        _reader.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_SecureString_DecryptedValueAndVersion()
    {
        _store.Put("/attrmapper/secret", "first", "SecureString");
        _store.Put("/attrmapper/secret", "second", "SecureString");

        var value = await _reader.GetAsync("/attrmapper/secret", default);

        value.Value.ShouldBe("second");
        value.Version.ShouldBe(2);
        _store.GetParameterCalls.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsParameterNotFound()
    {
        await Should.ThrowAsync<ParameterNotFoundException>(_reader.GetAsync("/nope", default));
    }

    [Fact]
    public async Task PutParameter_ViaSdk_VersionsAndOverwriteSemanticsLikeAws()
    {
        var ssm = _reader.Client;

        var v1 = await ssm.PutParameterAsync(new PutParameterRequest { Name = "/p", Value = "a", Type = ParameterType.String });
        await Should.ThrowAsync<ParameterAlreadyExistsException>(ssm.PutParameterAsync(new PutParameterRequest { Name = "/p", Value = "b", Type = ParameterType.String }));
        var v2 = await ssm.PutParameterAsync(new PutParameterRequest { Name = "/p", Value = "c", Type = ParameterType.String, Overwrite = true });

        v1.Version.ShouldBe(1);
        v2.Version.ShouldBe(2);
        (await _reader.GetAsync("/p", default)).Value.ShouldBe("c");
    }

    [Fact]
    public async Task MapSource_StoreFailsAfterLoad_LastGoodMapKept()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _store.Put("/attrmapper/map", ParameterMapSourceTests.ValidMap);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", TimeSpan.FromSeconds(60), time);
        var first = await source.GetAsync(default);

        _store.Put("/attrmapper/map", ParameterMapSourceTests.InvalidMap);
        time.Advance(TimeSpan.FromSeconds(60));
        var afterInvalid = await source.GetAsync(default);
        _store.Failure = ParameterStoreFailure.InternalError;
        time.Advance(TimeSpan.FromSeconds(60));
        var afterFailure = await source.GetAsync(default);

        first.ShouldNotBeNull().ParameterVersion.ShouldBe(1);
        afterInvalid.ShouldBeSameAs(first);
        afterFailure.ShouldBeSameAs(first);
        source.Stats.Rejections.ShouldBe(1);
        source.Stats.Failures.ShouldBe(1);
        _store.GetParameterCalls.ShouldBe(3);
    }

    [Fact]
    public async Task MapSource_StoreThrottlesWhenCold_NullWithOneCall()
    {
        _store.Failure = ParameterStoreFailure.Throttle;
        var source = new ParameterMapSource(_reader, "/attrmapper/map", TimeSpan.FromSeconds(60), new FakeTimeProvider(DateTimeOffset.UtcNow));

        (await source.GetAsync(default)).ShouldBeNull();
        _store.GetParameterCalls.ShouldBe(1);
    }

    [Fact]
    public async Task MapSource_StoreHangs_FetchTimeoutEndsItAndColdCallerGetsNull()
    {
        _store.Failure = ParameterStoreFailure.Hang;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", TimeSpan.FromSeconds(60), time, fetchTimeout: TimeSpan.FromSeconds(1));

        var pending = source.GetAsync(default).AsTask();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            // Readiness poll (the request is in flight), not a timing assertion.
            while (_store.GetParameterCalls == 0)
            {
                await Task.Delay(10, wait.Token);
            }
        }

        time.Advance(TimeSpan.FromSeconds(1));
        (await pending.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeNull();
        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldBe("Timeout");
    }
}
