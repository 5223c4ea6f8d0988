namespace McpSecurity.Server.Http;

/// <summary>The Phase 6 <c>/health</c> answer.</summary>
internal sealed record HandoffHealth(string Status, string Service, int Reports, DateTimeOffset Timestamp);
