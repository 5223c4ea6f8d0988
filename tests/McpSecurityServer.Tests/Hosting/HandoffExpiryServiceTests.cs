using McpSecurity.Handoff;
using McpSecurity.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.Server.Hosting;

public sealed class HandoffExpiryServiceTests
{
    [Fact]
    public async Task ExecuteAsync_EveryInterval_SweepsExpiredSignOffs()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var signOffs = new CountingSignOffs();
        var options = Microsoft.Extensions.Options.Options.Create(new HandoffSignOffOptions { ExpirySweepInterval = TimeSpan.FromMinutes(5) });
        using var service = new HandoffExpiryService(signOffs, options, time, NullLogger<HandoffExpiryService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await signOffs.WaitForAsync(1);
        time.Advance(TimeSpan.FromMinutes(5));
        await signOffs.WaitForAsync(2);
        time.Advance(TimeSpan.FromMinutes(4));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, signOffs.Sweeps);
    }

    private sealed class CountingSignOffs : IHandoffSignOffService
    {
        private readonly SemaphoreSlim _swept = new(0);
        private int _sweeps;

        public int Sweeps => Volatile.Read(ref _sweeps);

        public async Task WaitForAsync(int sweeps)
        {
            while (Sweeps < sweeps)
            {
                Assert.True(await _swept.WaitAsync(TimeSpan.FromSeconds(10)), "the sweep did not run");
            }
        }

        public Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sweeps);
            _swept.Release();
            return Task.FromResult(1);
        }

        public Task<HandoffSignOffResult> SignOffAsync(HandoffCaller caller, string reportId, SignOffHandoffReportRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IReadOnlyList<SignOffVerification> Verify(EnhancedAgentHandoffReport report) => throw new NotSupportedException();
    }
}
