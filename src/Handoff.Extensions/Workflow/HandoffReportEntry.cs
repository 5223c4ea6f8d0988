using System.Globalization;

namespace McpSecurity.Handoff;

/// <summary>A stored report and the revision it was read at (its optimistic concurrency token).</summary>
/// <param name="Report">The report, with <c>sign_off_status</c> computed at read time.</param>
/// <param name="Revision">The stored revision; pass it back as the expected revision to refuse lost updates.</param>
public sealed record HandoffReportEntry(EnhancedAgentHandoffReport Report, long Revision)
{
    /// <summary>Gets the revision as an HTTP entity tag (<c>"3"</c>).</summary>
    public string ETag => string.Create(CultureInfo.InvariantCulture, $"\"{Revision}\"");

    /// <summary>Reads an entity tag written by <see cref="ETag"/> (weak or strong); false for anything else.</summary>
    public static bool TryParseETag(string? etag, out long revision)
    {
        revision = 0;
        if (etag is null)
        {
            return false;
        }

        var text = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        return text.Length > 2 && text[0] == '"' && text[^1] == '"'
            && long.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out revision)
            && revision > 0;
    }
}
