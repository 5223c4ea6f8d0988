using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>An active address block.</summary>
internal sealed record AddressBlockOutput(
    [property: JsonPropertyName("address"), Description("The blocked address, or network for IPv6 (for example 2001:db8:1:2::/64).")] string Address,
    [property: JsonPropertyName("blocked_at")] DateTimeOffset BlockedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("expires_in"), Description("Seconds until the block lifts by itself.")] long ExpiresIn,
    [property: JsonPropertyName("reason"), Description("The incident type that asked for it, or manual.")] string Reason,
    [property: JsonPropertyName("incident_id")] string? IncidentId)
{
    public static AddressBlockOutput From(AddressBlock block, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new AddressBlockOutput(block.Address, block.BlockedAt, block.ExpiresAt, AddressBlocks.SecondsLeft(block, now), block.Reason, block.IncidentId);
    }
}
