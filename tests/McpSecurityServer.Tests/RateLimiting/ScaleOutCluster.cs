using System.Globalization;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>Two instances over one Redis with tight policies: <c>login-user</c>, <c>hammer</c> and <c>tunable</c> (the last two checked by key only).</summary>
public sealed class ScaleOutCluster : RedisInstancePair
{
    public const int LoginLimit = 8;
    public const int HammerLimit = 10;
    public const int TunableLimit = 50;

    public ScaleOutCluster()
    {
        var login = LoginLimit.ToString(CultureInfo.InvariantCulture);
        Set("RateLimiting:Policies:login-user:Limit", login);
        Set("RateLimiting:Policies:login-user:Burst", login);
        Set("RateLimiting:Policies:login-user:Period", "01:00:00");
        // Keyed by user on a path no request takes: only POST /api/v1/ratelimit/check counts against them.
        Policy("hammer", HammerLimit, "user", "/api/v1/ratelimit/unrouted");
        Policy("tunable", TunableLimit, "user", "/api/v1/ratelimit/unrouted");
    }
}
