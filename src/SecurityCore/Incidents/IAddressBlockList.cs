namespace McpSecurity.SecurityCore.Incidents;

/// <summary>The blocked addresses every face refuses; shared through Redis between instances when Redis is configured.</summary>
/// <remarks><see cref="GetBlock"/> is on every request's path: it answers from memory and never waits on the network.
/// A block made on one instance is enforced on the others within about a second.</remarks>
public interface IAddressBlockList
{
    /// <summary>Gets the active block that covers <paramref name="address"/>, or null when it is not blocked (or the block expired).</summary>
    AddressBlock? GetBlock(string? address);

    /// <summary>Blocks an address until <c>now + duration</c> (extends a shorter existing block); returns the block in force.</summary>
    Task<AddressBlock> BlockAsync(string address, TimeSpan duration, string reason, string? incidentId, CancellationToken cancellationToken = default);

    /// <summary>Lifts a block early (audited with <paramref name="actorId"/>); false when the address was not blocked.</summary>
    Task<bool> UnblockAsync(string address, string actorId, CancellationToken cancellationToken = default);

    /// <summary>Lists the active blocks, soonest expiry first.</summary>
    Task<IReadOnlyList<AddressBlock>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets how many blocks are active now (for the blocked-addresses gauge).</summary>
    int ActiveCount { get; }
}
