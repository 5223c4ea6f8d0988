using System.Text.Json.Serialization;

namespace McpSecurity.Server.Mcp;

/// <summary>The active address blocks, soonest expiry first (<c>list_address_blocks</c>, <c>GET /api/v1/blocks</c>).</summary>
internal sealed record AddressBlockListOutput([property: JsonPropertyName("blocks")] IReadOnlyList<AddressBlockOutput> Blocks);
