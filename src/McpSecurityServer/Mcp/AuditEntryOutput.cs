using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>One audit entry on the wire (details already redacted).</summary>
internal sealed record AuditEntryOutput(
    [property: JsonPropertyName("sequence"), Description("The gap-free sequence number (Merkle leaf index + 1).")] long Sequence,
    [property: JsonPropertyName("event_id"), Description("The security event id.")] string EventId,
    [property: JsonPropertyName("timestamp"), Description("When it happened (UTC, ISO 8601).")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("type"), Description("The event type.")] string Type,
    [property: JsonPropertyName("outcome"), Description("success, failure or info.")] string Outcome,
    [property: JsonPropertyName("actor"), Description("Who acted.")] AuditActorOutput Actor,
    [property: JsonPropertyName("target"), Description("What the event is about.")] string? Target,
    [property: JsonPropertyName("reason_code"), Description("The stable reason code.")] string? ReasonCode,
    [property: JsonPropertyName("request_id"), Description("The request id.")] string? RequestId,
    [property: JsonPropertyName("details"), Description("Further details (secrets dropped, patient data hashed).")] IReadOnlyDictionary<string, string> Details,
    [property: JsonPropertyName("prev_hash"), Description("The previous entry's hash (hex).")] string PrevHash,
    [property: JsonPropertyName("entry_hash"), Description("SHA-256 of this entry's RFC 8785 canonical JSON (hex).")] string EntryHash)
{
    public static AuditEntryOutput From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryOutput(entry.Sequence, entry.EventId, entry.Timestamp, entry.Type, entry.Outcome, AuditActorOutput.From(entry.Actor),
            entry.Target, entry.ReasonCode, entry.RequestId, entry.Details, entry.PrevHash, entry.EntryHash);
    }
}
