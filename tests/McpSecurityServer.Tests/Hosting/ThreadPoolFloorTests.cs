using McpSecurity.Server.Hosting;

namespace McpSecurity.Tests.Server.Hosting;

/// <summary>The thread-pool floor keeps enough workers ready that a login burst cannot starve Redis continuations.</summary>
public sealed class ThreadPoolFloorTests
{
    [Fact]
    public void Apply_RaisesTheMinimumWorkersToTheFloorAndNeverLowersIt()
    {
        var floor = Environment.ProcessorCount * ThreadPoolFloor.WorkersPerProcessor;

        ThreadPoolFloor.Apply();
        ThreadPool.GetMinThreads(out var raised, out var ports);
        ThreadPool.SetMinThreads(floor + 8, ports);
        ThreadPoolFloor.Apply();
        ThreadPool.GetMinThreads(out var kept, out _);

        Assert.True(raised >= floor, $"minimum workers {raised}, floor {floor}");
        Assert.Equal(floor + 8, kept);
    }
}
