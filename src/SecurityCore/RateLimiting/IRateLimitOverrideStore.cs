namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Where runtime policy overrides are shared between instances (Redis); absent when the server runs alone.</summary>
internal interface IRateLimitOverrideStore
{
    /// <summary>Reads every shared override (policy name to change).</summary>
    /// <exception cref="SecurityException"><c>RATE_LIMIT_STORE_UNAVAILABLE</c> when the store cannot be reached.</exception>
    Task<IReadOnlyDictionary<string, RateLimitPolicyOptions>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores (or with null removes) the override of one policy and tells every instance.</summary>
    /// <exception cref="SecurityException"><c>RATE_LIMIT_STORE_UNAVAILABLE</c> when the store cannot be reached.</exception>
    Task SaveAsync(string policyName, RateLimitPolicyOptions? change, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="changed"/> whenever another (or this) instance changed the shared set, and once the store is reachable again.</summary>
    Task SubscribeAsync(Func<Task> changed);
}
