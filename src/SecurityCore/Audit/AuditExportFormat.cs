using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The export file: one line per entry, each exactly the RFC 8785 canonical JSON that was hashed (so
/// <c>entry_hash = SHA-256(line)</c> and <c>leaf = SHA-256(0x00 || line)</c>), then one last line, the proof bundle
/// (<see cref="BundleType"/>): the signed checkpoint, the audit public keys as JWKs, and inclusion proofs of the first and
/// the last entry. Each line's <c>prev_hash</c> is the previous line's hash, so the last entry's inclusion proves them all.
/// </summary>
public static class AuditExportFormat
{
    /// <summary>The <c>type</c> of the bundle line.</summary>
    public const string BundleType = "mcpsec-audit-export-bundle/v1";

    /// <summary>Checks an export offline: every line hashes into the chain, both proofs reach the signed root, the signature verifies.</summary>
    /// <param name="input">The export file.</param>
    /// <param name="trustedKeys">Audit public keys obtained independently; null trusts the keys in the bundle (then compare their kid and x/y with a trusted copy).</param>
    public static AuditExportVerification Verify(Stream input, IEnumerable<AuditPublicKey>? trustedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new List<string>();
        using (var reader = new StreamReader(input, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    lines.Add(line);
                }
            }
            catch (DecoderFallbackException)
            {
                return Fail("The file is not UTF-8.", null);
            }
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return Fail("The file is empty: it has no bundle line.", null);
        }

        try
        {
            return Check(lines, trustedKeys);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return Fail("The bundle line is not a valid " + BundleType + " document.", lines.Count);
        }
    }

    private static AuditExportVerification Check(List<string> lines, IEnumerable<AuditPublicKey>? trustedKeys)
    {
        var bundleLine = lines.Count;
        using var bundle = JsonDocument.Parse(lines[^1]);
        var root = bundle.RootElement;
        if (root.GetProperty("type").GetString() != BundleType)
        {
            return Fail("The last line is not the proof bundle.", bundleLine);
        }

        var checkpoint = AuditCheckpoint.Parse(root.GetProperty("checkpoint").GetRawText());
        var keys = trustedKeys?.ToList() ?? [.. root.GetProperty("public_keys").GetProperty("keys").EnumerateArray().Select(AuditProofChecker.FromJwk)];
        var result = new AuditExportVerification { Ok = false, TreeSize = checkpoint.TreeSize, RootHash = checkpoint.RootHash, KeyId = checkpoint.Signature.KeyId };
        if (!AuditProofChecker.CheckCheckpoint(checkpoint, keys))
        {
            return result with { Code = SecurityErrorCodes.AuditExportInvalid, Message = "The checkpoint signature does not verify with the audit key it names.", Line = bundleLine };
        }

        var count = root.GetProperty("count").GetInt64();
        var entries = lines.Count - 1;
        if (entries != count)
        {
            return result with { Code = SecurityErrorCodes.AuditExportInvalid, Message = $"The bundle lists {count} entries but the file holds {entries} entry lines (lines were added or removed).", Line = bundleLine };
        }

        if (count == 0)
        {
            return result with { Ok = true };
        }

        var first = root.GetProperty("first_sequence").GetInt64();
        var previous = root.GetProperty("first_prev_hash").GetString();
        byte[] firstLeaf = [];
        byte[] lastLeaf = [];
        for (var i = 0; i < entries; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[i]);
            if (!AuditProofChecker.SequenceOf(lines[i], out var sequence) || sequence != first + i)
            {
                return result with { Code = SecurityErrorCodes.AuditExportInvalid, Message = $"Line {i + 1} is not entry {first + i}.", Line = i + 1, Entries = i };
            }

            using (var entry = JsonDocument.Parse(lines[i]))
            {
                if (!entry.RootElement.TryGetProperty("prev_hash", out var prev) || !string.Equals(prev.GetString(), previous, StringComparison.OrdinalIgnoreCase))
                {
                    return result with
                    {
                        Code = SecurityErrorCodes.AuditExportInvalid,
                        Message = i == 0 ? "The first line's prev_hash is not the bundle's first_prev_hash." : $"The prev_hash of line {i + 1} is not the hash of line {i}: line {i} was changed, or lines were reordered.",
                        Line = i == 0 ? 1 : i,
                        Entries = i,
                    };
                }
            }

            previous = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (i == 0)
            {
                firstLeaf = MerkleHashing.HashLeaf(bytes);
            }

            if (i == entries - 1)
            {
                lastLeaf = MerkleHashing.HashLeaf(bytes);
            }
        }

        var lastSequence = first + entries - 1;
        if (!string.Equals(root.GetProperty("last_entry_hash").GetString(), previous, StringComparison.OrdinalIgnoreCase)
            || !ProofHolds(root.GetProperty("last_inclusion"), lastSequence, lastLeaf, checkpoint))
        {
            return result with { Code = SecurityErrorCodes.AuditExportInvalid, Message = $"The last line (entry {lastSequence}) is not in the signed tree: it was changed.", Line = entries, Entries = entries };
        }

        if (!ProofHolds(root.GetProperty("first_inclusion"), first, firstLeaf, checkpoint))
        {
            return result with { Code = SecurityErrorCodes.AuditExportInvalid, Message = $"The first line (entry {first}) is not in the signed tree.", Line = 1, Entries = entries };
        }

        return result with { Ok = true, Entries = entries };
    }

    private static bool ProofHolds(JsonElement proof, long sequence, byte[] leaf, AuditCheckpoint checkpoint)
    {
        if (proof.GetProperty("leaf_index").GetInt64() != sequence - 1 || proof.GetProperty("tree_size").GetInt64() != checkpoint.TreeSize
            || !AuditProofChecker.TryHash(checkpoint.RootHash, out var root))
        {
            return false;
        }

        var path = new List<byte[]>();
        foreach (var hex in proof.GetProperty("audit_path").EnumerateArray())
        {
            if (!AuditProofChecker.TryHash(hex.GetString(), out var hash))
            {
                return false;
            }

            path.Add(hash);
        }

        return MerkleHashing.VerifyInclusion(sequence - 1, checkpoint.TreeSize, leaf, path, root);
    }

    /// <summary>Builds the bundle line.</summary>
    internal static string Bundle(
        long count, long first, long last, string firstPrevHash, string lastEntryHash, AuditCheckpoint checkpoint,
        IReadOnlyList<AuditPublicKey> keys, AuditProofPath? firstProof, AuditProofPath? lastProof, DateTimeOffset exportedAt, AuditExportRequest request)
    {
        var node = new JsonObject
        {
            ["type"] = BundleType,
            ["count"] = count,
            ["first_sequence"] = first,
            ["last_sequence"] = last,
            ["first_prev_hash"] = firstPrevHash,
            ["last_entry_hash"] = lastEntryHash,
            ["checkpoint"] = JsonNode.Parse(checkpoint.ToJson()),
            ["public_keys"] = new JsonObject { ["keys"] = new JsonArray([.. keys.Select(k => (JsonNode)AuditProofChecker.ToJwk(k))]) },
            ["first_inclusion"] = Path(firstProof),
            ["last_inclusion"] = Path(lastProof),
            ["exported_at"] = AuditCheckpoint.FormatTimestamp(exportedAt),
            ["range"] = new JsonObject
            {
                ["from"] = request.From is { } from ? AuditCheckpoint.FormatTimestamp(from) : null,
                ["to"] = request.To is { } to ? AuditCheckpoint.FormatTimestamp(to) : null,
            },
        };
        return node.ToJsonString();
    }

    private static JsonObject? Path(AuditProofPath? path) => path is null ? null : new JsonObject
    {
        ["leaf_index"] = path.LeafIndex,
        ["tree_size"] = path.TreeSize,
        ["audit_path"] = new JsonArray([.. path.AuditPath.Select(h => (JsonNode?)JsonValue.Create(h))]),
    };

    private static AuditExportVerification Fail(string message, long? line) =>
        new() { Ok = false, Code = SecurityErrorCodes.AuditExportInvalid, Message = message, Line = line };

    internal static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
