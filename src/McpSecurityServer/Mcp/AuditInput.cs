using System.Globalization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>Reads the audit filters of the MCP tools and the REST endpoints alike (one rule for both faces).</summary>
internal static class AuditInput
{
    /// <summary>The most entries an export over MCP or REST may hold (the command line has no limit).</summary>
    public const int MaxInlineExportEntries = 10_000;

    public static AuditQuery Query(string? from, string? to, string? actor, string? type, string? outcome, string? target, string? text, string? limit, string? cursor) => new()
    {
        From = Instant(from, "from"),
        To = Instant(to, "to"),
        Actor = ToolInput.Optional(actor, "actor", AuditQuery.MaxValueLength),
        Type = ToolInput.Optional(type, "type", AuditQuery.MaxValueLength),
        Outcome = ToolInput.Optional(outcome, "outcome", 16),
        Target = ToolInput.Optional(target, "target", AuditQuery.MaxValueLength),
        Text = ToolInput.Optional(text, "text", AuditQuery.MaxTextLength),
        Limit = Number(limit, "limit") is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null,
        Cursor = ToolInput.Optional(cursor, "cursor", 4096),
    };

    public static DateTimeOffset? Instant(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > 64 || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw ToolInput.Invalid(name, "must be an ISO 8601 date and time, for example 2026-03-04T05:06:07Z");
        }

        return instant;
    }

    public static long? Number(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ToolInput.Invalid(name, "must be a non-negative whole number");
    }
}
