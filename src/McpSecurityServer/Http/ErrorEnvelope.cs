namespace McpSecurity.Server.Http;

/// <summary>The Phase 6 REST error envelope: <c>{"error": {"code", "message", "details", "request_id"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record ErrorEnvelope(ErrorBody Error);
