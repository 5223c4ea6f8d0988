using System.Buffers;
using System.Globalization;
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
/// <para>
/// The hash covers the plaintext details, not their ciphertext: AES-GCM ciphertext is randomised (a fresh nonce per
/// encryption) and means nothing to an outside auditor, whereas an exported entry with its inclusion proof must let a
/// third party check the readable record itself against a signed checkpoint. The ciphertext is still tamper-evident: GCM
/// authenticates it and binds it to the event id, and any change of the decrypted details changes the hash.
/// </para>
/// <para>
/// Members are written in their JCS order (<c>actor, details, event_id, outcome, prev_hash, reason_code, request_id, seq,
/// target, timestamp, type, v</c>), each value through <see cref="JsonCanonicalizer"/>. Everything but <c>prev_hash</c> and
/// <c>seq</c> is prepared by the publisher (<see cref="Prepare"/>), so the single writer only splices in those two and hashes.
/// </para>
/// </remarks>
internal static class AuditEntryCanonicalForm
{
    /// <summary>The hash chain's start: the <c>prev_hash</c> of entry 1.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Builds the canonical bytes of <paramref name="entry"/> with <paramref name="details"/> as its details.</summary>
    public static byte[] Build(StoredAuditEntry entry, IReadOnlyDictionary<string, string> details) =>
        Prepare(entry, details).Complete(entry.Sequence, entry.PrevHash);

    /// <summary>Prepares every member of the canonical form except <c>prev_hash</c> and <c>seq</c>.</summary>
    public static Prepared Prepare(StoredAuditEntry entry, IReadOnlyDictionary<string, string> details)
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

        var head = new ArrayBufferWriter<byte>(512);
        Raw(head, "{\"actor\":");
        JsonCanonicalizer.Write(actor, head);
        Raw(head, ",\"details\":");
        JsonCanonicalizer.Write(detailsNode, head);
        Member(head, ",\"event_id\":", entry.EventId);
        Member(head, ",\"outcome\":", entry.Outcome);
        Raw(head, ",\"prev_hash\":\"");

        var middle = new ArrayBufferWriter<byte>(128);
        Raw(middle, "\"");
        Member(middle, ",\"reason_code\":", entry.ReasonCode);
        Member(middle, ",\"request_id\":", entry.RequestId);
        Raw(middle, ",\"seq\":");

        var tail = new ArrayBufferWriter<byte>(128);
        Member(tail, ",\"target\":", entry.Target);
        Member(tail, ",\"timestamp\":", AuditCheckpoint.FormatTimestamp(entry.Timestamp));
        Member(tail, ",\"type\":", entry.Type);
        Raw(tail, ",\"v\":1}");
        return new Prepared(head.WrittenSpan.ToArray(), middle.WrittenSpan.ToArray(), tail.WrittenSpan.ToArray());
    }

    /// <summary>Gets the entry hash (hex) of canonical bytes.</summary>
    public static string EntryHash(ReadOnlySpan<byte> canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    /// <summary>Gets the purpose the details of an event are encrypted for (binds the ciphertext to its event).</summary>
    public static string DetailsPurpose(string eventId) => "audit-details:" + eventId;

    private static void Member(ArrayBufferWriter<byte> output, string prefix, string? value)
    {
        if (value is null)
        {
            return;
        }

        Raw(output, prefix);
        JsonCanonicalizer.Write(JsonValue.Create(value), output);
    }

    private static void Raw(ArrayBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        output.Advance(ascii.Length);
    }

    private static void AddIfPresent(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    /// <summary>The canonical form with the places of <c>prev_hash</c> (a 64-character hex string) and <c>seq</c> left open.</summary>
    internal sealed class Prepared(byte[] head, byte[] middle, byte[] tail)
    {
        /// <summary>Completes the canonical bytes with the sequence number and the previous entry's hash.</summary>
        public byte[] Complete(long sequence, string? prevHash)
        {
            // A document edited behind the trail's back may lack it; hashing still works (and then fails to match).
            prevHash ??= "";
            Span<char> digits = stackalloc char[20];
            sequence.TryFormat(digits, out var digitCount, provider: CultureInfo.InvariantCulture);
            var output = new byte[head.Length + prevHash.Length + middle.Length + digitCount + tail.Length];
            var at = 0;
            head.CopyTo(output, at);
            at += head.Length;
            // prev_hash is lower-case hex (64 zeros for the first entry): no character needs escaping.
            foreach (var c in prevHash)
            {
                output[at++] = (byte)c;
            }

            middle.CopyTo(output, at);
            at += middle.Length;
            for (var i = 0; i < digitCount; i++)
            {
                output[at++] = (byte)digits[i];
            }

            tail.CopyTo(output, at);
            return output;
        }
    }
}
