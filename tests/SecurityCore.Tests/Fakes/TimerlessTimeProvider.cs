using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>The time of a <see cref="FakeTimeProvider"/> with timers that never fire: the test decides when sweeps and reloads run, and in which order.</summary>
public sealed class TimerlessTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
