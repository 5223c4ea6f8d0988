using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Handoff;

/// <summary>
/// The server's signature over a sign-off: ES256 with the audit key over the RFC 8785 canonical JSON of the record without
/// its <c>server_signature</c> field, kept in that field as <c>{"alg", "kid", "value"}</c> (a Phase 6 reader ignores it).
/// </summary>
public static class SignOffSignature
{
    /// <summary>The field that carries the signature.</summary>
    public const string Field = "server_signature";

    /// <summary>Gets the canonical bytes a signature covers: the record as JSON without <see cref="Field"/>, canonicalized.</summary>
    public static byte[] CanonicalBytes(EnhancedSignOffRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var node = JsonSerializer.SerializeToNode(record, HandoffJsonContext.Default.EnhancedSignOffRecord)!.AsObject();
        node.Remove(Field);
        return JsonCanonicalizer.Canonicalize(node);
    }

    /// <summary>Signs <paramref name="record"/> and stores the signature in it.</summary>
    public static void Sign(EnhancedSignOffRecord record, IAuditSigner signer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signer);
        record.ExtensionData?.Remove(Field);
        var signature = signer.Sign(CanonicalBytes(record));
        var value = new JsonObject { ["alg"] = signature.Algorithm, ["kid"] = signature.KeyId, ["value"] = signature.Value };
        record.ExtensionData ??= [];
        using var document = JsonDocument.Parse(value.ToJsonString());
        record.ExtensionData[Field] = document.RootElement.Clone();
    }

    /// <summary>Checks the stored signature of <paramref name="record"/>; answers null when valid, otherwise the problem.</summary>
    public static string? Check(EnhancedSignOffRecord record, IAuditSigner signer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signer);
        if (record.ExtensionData is null || !record.ExtensionData.TryGetValue(Field, out var stored))
        {
            return "missing_signature";
        }

        if (stored.ValueKind != JsonValueKind.Object
            || !stored.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
            || !stored.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
            || !stored.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return "malformed_signature";
        }

        var signature = new AuditSignature(alg.GetString()!, kid.GetString()!, value.GetString()!);
        return signer.Verify(CanonicalBytes(record), signature) ? null : "signature_mismatch";
    }
}
