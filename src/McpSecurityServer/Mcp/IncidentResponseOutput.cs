using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Server.Mcp;

/// <summary>An automated response that ran for an incident.</summary>
internal sealed record IncidentResponseOutput(
    [property: JsonPropertyName("kind"), Description("block_address, lock_account, revoke_sessions or revoke_token_family.")] string Kind,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("applied_at")] DateTimeOffset AppliedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("outcome"), Description("applied, skipped or failed.")] string Outcome)
{
    public static IncidentResponseOutput From(IncidentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new IncidentResponseOutput(response.Kind, response.Target, response.AppliedAt, response.ExpiresAt, response.Outcome);
    }
}
