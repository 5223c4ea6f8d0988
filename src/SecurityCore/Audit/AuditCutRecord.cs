using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The signed form of a retention cut and how the verifier starts from one: the removed entries' stored Merkle leaves must
/// produce the signed root, then the chain continues from the signed <c>prev_hash</c> at the first retained entry.
/// </summary>
internal static class AuditCutRecord
{
    /// <summary>The <c>type</c> member of the signed form.</summary>
    public const string TypeName = "mcpsec-audit-cut/v1";

    /// <summary>Gets the bytes the cut's signature covers.</summary>
    public static byte[] GetSignedBytes(StoredAuditCut cut) => JsonCanonicalizer.Canonicalize(new JsonObject
    {
        ["alg"] = cut.Algorithm,
        ["cutoff"] = AuditCheckpoint.FormatTimestamp(cut.Cutoff),
        ["first_retained_sequence"] = cut.FirstRetainedSequence,
        ["kid"] = cut.KeyId,
        ["prev_hash"] = cut.PrevHash,
        ["root_hash"] = cut.RootHash,
        ["timestamp"] = AuditCheckpoint.FormatTimestamp(cut.Timestamp),
        ["tree_size"] = cut.FirstRetainedSequence - 1,
        ["type"] = TypeName,
    });

    /// <summary>
    /// Checks the cut and loads the removed entries' leaves into <paramref name="tree"/>; returns the problem (code, message) or null.
    /// </summary>
    public static (string Code, string Message)? Seed(StoredAuditCut cut, IAuditSigner signer, IReadOnlyList<StoredAuditLeafChunk> chunks, MerkleTree tree)
    {
        var removed = cut.FirstRetainedSequence - 1;
        if (removed < 1 || cut.PrevHash is null || cut.RootHash is null
            || !signer.Verify(GetSignedBytes(cut), new AuditSignature(cut.Algorithm ?? "", cut.KeyId ?? "", cut.Signature ?? "")))
        {
            return (SecurityErrorCodes.AuditRetentionCutInvalid,
                $"The retention cut before entry {cut.FirstRetainedSequence} has an invalid signature: it was changed or forged.");
        }

        var leaves = new List<byte[]>((int)Math.Min(removed, int.MaxValue));
        for (long i = 0; i < removed; i++)
        {
            var chunkIndex = i / StoredAuditLeafChunk.Size;
            var offset = (int)(i % StoredAuditLeafChunk.Size) * MerkleHashing.HashSize;
            if (chunkIndex >= chunks.Count || chunks[(int)chunkIndex].Index != chunkIndex || chunks[(int)chunkIndex].Hashes.Length < offset + MerkleHashing.HashSize)
            {
                return (SecurityErrorCodes.AuditRetentionCutInvalid, $"The Merkle leaves of the {removed} removed entries are missing from the store.");
            }

            leaves.Add(chunks[(int)chunkIndex].Hashes.AsSpan(offset, MerkleHashing.HashSize).ToArray());
        }

        tree.AppendLeafHashes(leaves);
        if (!string.Equals(Convert.ToHexStringLower(tree.GetRoot(removed)), cut.RootHash, StringComparison.OrdinalIgnoreCase))
        {
            return (SecurityErrorCodes.AuditRetentionCutInvalid,
                $"The stored Merkle leaves of entries 1 to {removed} do not produce the root the retention cut signed.");
        }

        return null;
    }
}
