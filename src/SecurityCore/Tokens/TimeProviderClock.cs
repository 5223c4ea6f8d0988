using Microsoft.Extensions.Internal;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Lets <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/> (which takes an <see cref="ISystemClock"/>) follow a <see cref="TimeProvider"/>.</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : ISystemClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
