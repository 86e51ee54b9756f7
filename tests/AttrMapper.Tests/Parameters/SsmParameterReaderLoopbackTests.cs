using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AttrMapper.Aws;
using AttrMapper.LocalPeers;
using AttrMapper.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace AttrMapper.Tests.Parameters;

/// <summary>The real AWSSDK.SimpleSystemsManagement client, pointed by endpoint override at the local Parameter Store.</summary>
public sealed class SsmParameterReaderLoopbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LocalParameterStore _store = null!;
    private SsmParameterReader _reader = null!;

    public async Task InitializeAsync()
    {
        _store = await LocalParameterStore.StartAsync();
        _reader = SsmParameterReader.Create(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), "eu-west-1", _store.Endpoint);
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
        await source.GetAsync(default);
        await source.Refreshing.WaitAsync(Patience);
        var afterInvalid = await source.GetAsync(default);
        _store.Failure = ParameterStoreFailure.InternalError;
        time.Advance(TimeSpan.FromSeconds(60));
        await source.GetAsync(default);
        await source.Refreshing.WaitAsync(Patience);
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
        await _store.WaitForGetParameterCallsAsync(1, Patience);

        time.Advance(TimeSpan.FromSeconds(1));
        (await pending.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeNull();
        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldBe("Timeout");
    }

    [Fact]
    public async Task MapSource_StoreHangsAfterLoad_ExpiredMapServedAtOnceAndTheHungReadEndsAtItsTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _store.Put("/attrmapper/map", ParameterMapSourceTests.ValidMap);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, time, fetchTimeout: TimeSpan.FromSeconds(1));
        var first = await source.GetAsync(default);
        _store.GetParameterFailure = ParameterStoreFailure.Hang;
        time.Advance(Ttl);

        var served = source.GetAsync(default);
        served.IsCompletedSuccessfully.ShouldBeTrue();
        (await served).ShouldBeSameAs(first);
        await _store.WaitForGetParameterCallsAsync(2, Patience);
        (await source.GetAsync(default)).ShouldBeSameAs(first);
        source.Refreshing.IsCompleted.ShouldBeFalse();

        time.Advance(TimeSpan.FromSeconds(1));
        await source.Refreshing.WaitAsync(Patience);
        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldBe("Timeout");
        (await source.GetAsync(default)).ShouldBeSameAs(first);
        _store.GetParameterCalls.ShouldBe(2);
    }

    [Fact]
    public async Task MapSource_StoreSlowAfterLoad_OldMapServedUntilTheNewOneLands()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _store.Put("/attrmapper/map", ParameterMapSourceTests.ValidMap);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, time);
        await source.GetAsync(default);
        _store.Put("/attrmapper/map", ParameterMapSourceTests.ValidMap);
        _store.GetParameterDelay = TimeSpan.FromMilliseconds(300);
        time.Advance(Ttl);

        var served = source.GetAsync(default);
        served.IsCompletedSuccessfully.ShouldBeTrue();
        (await served)!.ParameterVersion.ShouldBe(1);
        await _store.WaitForGetParameterCallsAsync(2, Patience);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(1);

        await source.Refreshing.WaitAsync(Patience);
        (await source.GetAsync(default))!.ParameterVersion.ShouldBe(2);
        source.Stats.Failures.ShouldBe(0);
    }

    [Fact]
    public async Task MapSource_StoreFailsAfterLoad_ServedAtOnceAndNotAskedAgainBeforeTheTtl()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _store.Put("/attrmapper/map", ParameterMapSourceTests.ValidMap);
        var source = new ParameterMapSource(_reader, "/attrmapper/map", Ttl, time);
        var first = await source.GetAsync(default);
        _store.GetParameterFailure = ParameterStoreFailure.InternalError;
        time.Advance(Ttl);

        (await source.GetAsync(default)).ShouldBeSameAs(first);
        await source.Refreshing.WaitAsync(Patience);
        time.Advance(Ttl - TimeSpan.FromSeconds(1));
        (await source.GetAsync(default)).ShouldBeSameAs(first);

        source.Stats.Failures.ShouldBe(1);
        source.Stats.LastFailureType.ShouldNotBeNull().ShouldNotBe("Timeout");
        _store.GetParameterCalls.ShouldBe(2);
    }

    [Fact]
    public async Task Store_GetParameterDelayed_ClientGivesUpFirst_StoreDropsTheRequest()
    {
        _store.Put("/p", "v");
        _store.GetParameterDelay = TimeSpan.FromMinutes(5);
        using var giveUp = new CancellationTokenSource();

        var pending = _reader.GetAsync("/p", giveUp.Token);
        await _store.WaitForGetParameterCallsAsync(1, Patience);
        await giveUp.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(pending);
    }
}
