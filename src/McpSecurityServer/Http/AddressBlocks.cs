using System.Net;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>What the block REST routes, the block tools and the enforcement middleware share.</summary>
internal static class AddressBlocks
{
    /// <summary>Gets the whole seconds until <paramref name="block"/> lifts (at least 1 while it holds).</summary>
    public static long SecondsLeft(AddressBlock block, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Math.Max(1, (long)Math.Ceiling((block.ExpiresAt - now).TotalSeconds));
    }

    /// <summary>Lists the active blocks.</summary>
    public static async Task<AddressBlockListOutput> ListAsync(IAddressBlockList blocks, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new AddressBlockListOutput([.. (await blocks.ListActiveAsync(cancellationToken)).Select(b => AddressBlockOutput.From(b, now))]);
    }

    /// <summary>
    /// Lifts the block on <paramref name="address"/> (an address or network as listed, or any address a block covers, such
    /// as one address of a blocked IPv6 /64); <c>NOT_FOUND</c> when nothing blocks it.
    /// </summary>
    public static async Task<AddressUnblockedOutput> UnblockAsync(IAddressBlockList blocks, string? address, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var text = ToolInput.Require(address?.Trim(), "address", InputLimits.Address);
        if (!IPAddress.TryParse(text, out _) && !IPNetwork.TryParse(text, out _))
        {
            throw ToolInput.Invalid("address", "must be an IP address or a network in CIDR notation (for example 203.0.113.7 or 2001:db8:1:2::/64)");
        }

        var target = blocks.GetBlock(text)?.Address ?? text;
        if (!await blocks.UnblockAsync(target, actorId, cancellationToken))
        {
            throw new SecurityException(SecurityErrorCodes.NotFound, $"No active block covers '{text}'.", new Dictionary<string, object?> { ["field"] = "address" });
        }

        return new AddressUnblockedOutput(target, true);
    }
}
