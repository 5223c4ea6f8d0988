using System.ComponentModel;
using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of lifting a block (<c>unblock_address</c>, <c>DELETE /api/v1/blocks/{address}</c>).</summary>
internal sealed record AddressUnblockedOutput(
    [property: JsonPropertyName("address"), Description("The block that was lifted (the network for an IPv6 address).")] string Address,
    [property: JsonPropertyName("unblocked")] bool Unblocked);
