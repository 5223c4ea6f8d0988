using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>A signed tree head: the audit trail had <see cref="TreeSize"/> entries with Merkle root <see cref="RootHash"/> at <see cref="Timestamp"/>.</summary>
/// <param name="TreeSize">The number of entries covered (sequence numbers 1 to <paramref name="TreeSize"/>).</param>
/// <param name="RootHash">The RFC 9162 root over those entries (hex).</param>
/// <param name="Timestamp">When the checkpoint was made (UTC).</param>
/// <param name="Signature">The audit key's ES256 signature over <see cref="GetSignedBytes()"/>.</param>
public sealed record AuditCheckpoint(long TreeSize, string RootHash, DateTimeOffset Timestamp, AuditSignature Signature)
{
    /// <summary>The <c>type</c> member of the signed and exported form.</summary>
    public const string TypeName = "mcpsec-audit-checkpoint/v1";

    /// <summary>Gets the bytes the signature covers: the canonical JSON of every member except <c>signature</c>.</summary>
    public byte[] GetSignedBytes() => GetSignedBytes(TreeSize, RootHash, Timestamp, Signature.Algorithm, Signature.KeyId);

    /// <summary>Gets the bytes a checkpoint with these values signs.</summary>
    public static byte[] GetSignedBytes(long treeSize, string rootHash, DateTimeOffset timestamp, string algorithm, string keyId) =>
        JsonCanonicalizer.Canonicalize(new JsonObject
        {
            ["alg"] = algorithm,
            ["kid"] = keyId,
            ["root_hash"] = rootHash,
            ["timestamp"] = FormatTimestamp(timestamp),
            ["tree_size"] = treeSize,
            ["type"] = TypeName,
        });

    /// <summary>Gets the exported form (one line of the anchor file, the webhook body): canonical JSON with the signature.</summary>
    public string ToJson() => JsonCanonicalizer.CanonicalizeToString(new JsonObject
    {
        ["alg"] = Signature.Algorithm,
        ["kid"] = Signature.KeyId,
        ["root_hash"] = RootHash,
        ["signature"] = Signature.Value,
        ["timestamp"] = FormatTimestamp(Timestamp),
        ["tree_size"] = TreeSize,
        ["type"] = TypeName,
    });

    /// <summary>Reads the exported form; throws <see cref="FormatException"/> when a member is missing or malformed.</summary>
    public static AuditCheckpoint Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("type").GetString() != TypeName)
            {
                throw new FormatException($"The checkpoint type is not {TypeName}.");
            }

            var timestamp = DateTimeOffset.ParseExact(root.GetProperty("timestamp").GetString()!, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return new AuditCheckpoint(
                root.GetProperty("tree_size").GetInt64(),
                root.GetProperty("root_hash").GetString()!,
                timestamp,
                new AuditSignature(root.GetProperty("alg").GetString()!, root.GetProperty("kid").GetString()!, root.GetProperty("signature").GetString()!));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("The checkpoint is not valid JSON with tree_size, root_hash, timestamp, alg, kid and signature.", ex);
        }
    }

    /// <summary>The timestamp format of the canonical forms: UTC with seven fractional digits.</summary>
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Formats an instant as the canonical forms do.</summary>
    internal static string FormatTimestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
}
