using System.Text.Json.Serialization;

namespace McpSecurity.Server.Http;

/// <summary>The answer of <c>POST /api/v1/users/{id}/unlock</c>.</summary>
internal sealed record UnlockOutput(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("was_locked")] bool WasLocked,
    [property: JsonPropertyName("status")] string Status);
