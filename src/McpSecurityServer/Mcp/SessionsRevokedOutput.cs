using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of revoking all of a user's sessions or of setting a password: how many sessions ended.</summary>
internal sealed record SessionsRevokedOutput(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("sessions_ended")] int SessionsEnded);
