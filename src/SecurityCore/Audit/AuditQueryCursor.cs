using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The opaque page cursor: the index key of the last entry read, the snapshot size and a hash of the filter, base64url.
/// It is not secret (it names a position, and the caller may read the trail anyway) but it is bound to its filter.
/// </summary>
internal sealed record AuditQueryCursor(string AfterKey, long AsOfSequence, string FilterHash)
{
    private const string Version = "c1";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, AsOfSequence.ToString(CultureInfo.InvariantCulture), FilterHash, AfterKey)));

    public static AuditQueryCursor Decode(string cursor, string expectedFilterHash)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n', 4);
        }
        catch (FormatException)
        {
            throw Invalid("is not a cursor this server issued");
        }

        if (parts.Length != 4 || parts[0] != Version || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var asOf))
        {
            throw Invalid("is not a cursor this server issued");
        }

        if (!string.Equals(parts[2], expectedFilterHash, StringComparison.Ordinal))
        {
            throw Invalid("belongs to another filter: repeat the same filters with a cursor, or drop the cursor to start again");
        }

        return new AuditQueryCursor(parts[3], asOf, parts[2]);
    }

    /// <summary>Hashes the filter members (not the limit) so a cursor is used with the filter that made it.</summary>
    public static string HashFilter(AuditQuery query)
    {
        var text = string.Join('\u001f',
            query.From?.UtcTicks.ToString(CultureInfo.InvariantCulture), query.To?.UtcTicks.ToString(CultureInfo.InvariantCulture),
            query.Actor, query.Type, query.Outcome, query.Target, query.Text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static SecurityException Invalid(string why) => new(SecurityErrorCodes.AuditCursorInvalid, $"The cursor {why}.");
}
