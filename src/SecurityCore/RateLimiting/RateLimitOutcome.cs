namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>A store's answer for one key: times in microseconds, so no allocation is needed on the hot path.</summary>
internal readonly record struct RateLimitOutcome(bool Allowed, int Remaining, long RetryAfterMicros, long ResetAfterMicros, RateLimitStoreState State = RateLimitStoreState.Store);
