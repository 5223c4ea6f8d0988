namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>Tests that share one real redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
