using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>Encrypts and decrypts entry details with the master key and turns stored entries into <see cref="AuditEntry"/>.</summary>
internal sealed class AuditEntryCodec(ISecretProtector protector)
{
    /// <summary>Encrypts details (null when there are none), bound to the event id.</summary>
    public byte[]? Encrypt(string eventId, IReadOnlyDictionary<string, string> details)
    {
        if (details.Count == 0)
        {
            return null;
        }

        var node = new JsonObject();
        foreach (var (key, value) in details)
        {
            node[key] = value;
        }

        return protector.Protect(JsonCanonicalizer.Canonicalize(node), AuditEntryCanonicalForm.DetailsPurpose(eventId));
    }

    /// <summary>Decrypts details; throws <see cref="System.Security.Cryptography.CryptographicException"/> or <see cref="JsonException"/> when they are not genuine.</summary>
    public Dictionary<string, string> Decrypt(StoredAuditEntry entry)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.EncryptedDetails is null)
        {
            return details;
        }

        var plain = protector.Unprotect(entry.EncryptedDetails, AuditEntryCanonicalForm.DetailsPurpose(entry.EventId));
        using var document = JsonDocument.Parse(plain);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            details[property.Name] = property.Value.GetString() ?? "";
        }

        return details;
    }

    /// <summary>Gets the reader's view of a stored entry.</summary>
    public AuditEntry ToEntry(StoredAuditEntry stored) => new()
    {
        Sequence = stored.Sequence,
        EventId = stored.EventId,
        Timestamp = stored.Timestamp.ToUniversalTime(),
        Type = stored.Type,
        Outcome = stored.Outcome,
        Actor = new AuditActor(stored.SubjectId, stored.ClientId, stored.Roles ?? [], stored.Address, stored.AuthenticationMethod),
        Target = stored.Target,
        ReasonCode = stored.ReasonCode,
        RequestId = stored.RequestId,
        Details = Decrypt(stored),
        PrevHash = stored.PrevHash,
        EntryHash = stored.EntryHash,
    };

    /// <summary>Replaces lone surrogates (which JSON cannot carry) so that no event is lost to a bad string.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]))
            {
                return Rebuild(value);
            }
        }

        return value;
    }

    private static string Rebuild(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}
