using System.Security.Cryptography;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The RFC 8785 canonical JSON of an audit entry: every field except <c>entry_hash</c> (so including <c>prev_hash</c>,
/// which makes the hashes a chain) with the redacted details in plaintext. <c>entry_hash = SHA-256(bytes)</c> and the
/// Merkle leaf is <c>SHA-256(0x00 || bytes)</c>.
/// </summary>
/// <remarks>
/// The hash covers the plaintext details, not their ciphertext: AES-GCM ciphertext is randomised (a fresh nonce per
/// encryption) and means nothing to an outside auditor, whereas an exported entry with its inclusion proof must let a
/// third party check the readable record itself against a signed checkpoint. The ciphertext is still tamper-evident: GCM
/// authenticates it and binds it to the event id, and any change of the decrypted details changes the hash.
/// </remarks>
internal static class AuditEntryCanonicalForm
{
    /// <summary>The hash chain's start: the <c>prev_hash</c> of entry 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Builds the canonical bytes of <paramref name="entry"/> with <paramref name="details"/> as its details.</summary>
    public static byte[] Build(StoredAuditEntry entry, IReadOnlyDictionary<string, string> details)
    {
        var actor = new JsonObject { ["roles"] = new JsonArray([.. entry.Roles.Select(r => (JsonNode?)JsonValue.Create(r))]) };
        AddIfPresent(actor, "subject_id", entry.SubjectId);
        AddIfPresent(actor, "client_id", entry.ClientId);
        AddIfPresent(actor, "address", entry.Address);
        AddIfPresent(actor, "authentication_method", entry.AuthenticationMethod);

        var detailsNode = new JsonObject();
        foreach (var (key, value) in details)
        {
            detailsNode[key] = value;
        }

        var node = new JsonObject
        {
            ["v"] = 1,
            ["seq"] = entry.Sequence,
            ["event_id"] = entry.EventId,
            ["timestamp"] = AuditCheckpoint.FormatTimestamp(entry.Timestamp),
            ["type"] = entry.Type,
            ["outcome"] = entry.Outcome,
            ["actor"] = actor,
            ["details"] = detailsNode,
            ["prev_hash"] = entry.PrevHash,
        };
        AddIfPresent(node, "target", entry.Target);
        AddIfPresent(node, "reason_code", entry.ReasonCode);
        AddIfPresent(node, "request_id", entry.RequestId);
        return JsonCanonicalizer.Canonicalize(node);
    }

    /// <summary>Gets the entry hash (hex) of canonical bytes.</summary>
    public static string EntryHash(ReadOnlySpan<byte> canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    /// <summary>Gets the purpose the details of an event are encrypted for (binds the ciphertext to its event).</summary>
    public static string DetailsPurpose(string eventId) => "audit-details:" + eventId;

    private static void AddIfPresent(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
