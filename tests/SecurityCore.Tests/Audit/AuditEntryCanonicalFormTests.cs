using System.Security.Cryptography;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditEntryCanonicalFormTests
{
    public static TheoryData<bool> Variants() => [true, false];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Build_AnyEntry_EqualsTheJcsOfTheWholeEntryObject(bool full)
    {
        var entry = new StoredAuditEntry
        {
            Sequence = 1234567,
            EventId = "evt-\u20ac-\"quoted\"",
            Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567),
            Type = "login_failed",
            Outcome = "failure",
            SubjectId = full ? "usr_1" : null,
            ClientId = full ? "agent" : null,
            Roles = full ? ["admin", "auditor"] : [],
            Address = full ? "::1" : null,
            AuthenticationMethod = full ? "pwd" : null,
            Target = full ? "alice\n" : null,
            ReasonCode = full ? "AUTH_INVALID_CREDENTIALS" : null,
            RequestId = full ? "req-1" : null,
            PrevHash = Convert.ToHexStringLower(SHA256.HashData("previous"u8)),
            EntryHash = "",
        };
        var details = new Dictionary<string, string> { ["z"] = "1", ["prev_hash"] = "nested is fine", ["\u00f6"] = "x" };
        var reference = new JsonObject
        {
            ["v"] = 1,
            ["seq"] = entry.Sequence,
            ["event_id"] = entry.EventId,
            ["timestamp"] = "2026-01-02T03:04:05.1234567Z",
            ["type"] = entry.Type,
            ["outcome"] = entry.Outcome,
            ["actor"] = Actor(entry),
            ["details"] = new JsonObject(details.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))),
            ["prev_hash"] = entry.PrevHash,
        };
        if (full)
        {
            reference["target"] = entry.Target;
            reference["reason_code"] = entry.ReasonCode;
            reference["request_id"] = entry.RequestId;
        }

        Assert.Equal(JsonCanonicalizer.CanonicalizeToString(reference), System.Text.Encoding.UTF8.GetString(AuditEntryCanonicalForm.Build(entry, details)));
    }

    private static JsonObject Actor(StoredAuditEntry entry)
    {
        var actor = new JsonObject { ["roles"] = new JsonArray([.. entry.Roles.Select(r => (JsonNode?)r)]) };
        if (entry.SubjectId is not null)
        {
            actor["subject_id"] = entry.SubjectId;
            actor["client_id"] = entry.ClientId;
            actor["address"] = entry.Address;
            actor["authentication_method"] = entry.AuthenticationMethod;
        }

        return actor;
    }
}
