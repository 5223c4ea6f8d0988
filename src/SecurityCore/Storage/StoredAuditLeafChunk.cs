namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// Merkle leaf hashes of <see cref="Size"/> consecutive audit entries in one document, written once when the run is
/// complete, so that loading the tree for a million entries reads about a thousand documents; the leaves of the last,
/// incomplete run are read from the entries themselves (<see cref="StoredAuditEntry.LeafHash"/>).
/// </summary>
public sealed class StoredAuditLeafChunk
{
    /// <summary>The number of leaf hashes a full chunk holds.</summary>
    public const int Size = 1024;

    /// <summary>Gets or sets the chunk index: it holds the leaves <c>Index * Size</c> up to the next chunk.</summary>
    public long Index { get; set; }

    /// <summary>Gets or sets the concatenated 32-byte leaf hashes.</summary>
    public required byte[] Hashes { get; set; }
}
