using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.Server.Mcp;

/// <summary>A login session (<c>list_sessions</c>, <c>/api/v1/me/sessions</c>, <c>/api/v1/sessions</c>); no token or secret.</summary>
internal sealed record SessionOutput(
    [property: JsonPropertyName("session_id"), Description("The session id, the tokens' sid.")] string SessionId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("authentication_methods"), Description("How the login authenticated (amr), for example pwd, otp, mfa.")] IReadOnlyList<string> AuthenticationMethods,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_activity_at")] DateTimeOffset LastActivityAt,
    [property: JsonPropertyName("idle_expires_at"), Description("When the session ends without further activity.")] DateTimeOffset IdleExpiresAt,
    [property: JsonPropertyName("expires_at"), Description("The absolute end of the session.")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("status"), Description("active, expired or ended.")] string Status,
    [property: JsonPropertyName("current"), Description("True for the session of the token making this call.")] bool Current,
    [property: JsonPropertyName("ended_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("end_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndReason)
{
    public static SessionOutput From(SessionInfo session, string? currentSessionId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionOutput(session.Id, session.UserId, session.ClientId, session.UserAgent, session.Address, session.AuthenticationMethods,
            session.CreatedAt, session.LastActivityAt, session.IdleExpiresAt, session.ExpiresAt, session.Status,
            string.Equals(session.Id, currentSessionId, StringComparison.Ordinal), session.EndedAt, session.EndReason);
    }
}
