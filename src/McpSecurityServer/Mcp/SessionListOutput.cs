using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Mcp;

/// <summary>A user's sessions, newest first.</summary>
internal sealed record SessionListOutput(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("sessions")] IReadOnlyList<SessionOutput> Sessions)
{
    public static SessionListOutput From(string userId, IReadOnlyList<SessionInfo> sessions, string? currentSessionId) =>
        new(userId, [.. sessions.Select(s => SessionOutput.From(s, currentSessionId))]);
}
