using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Server.Mcp;

/// <summary>The answer of <c>query_audit</c> and <c>GET /api/v1/audit</c>.</summary>
internal sealed record AuditQueryOutput(
    [property: JsonPropertyName("entries"), Description("The entries of this page, newest first.")] IReadOnlyList<AuditEntryOutput> Entries,
    [property: JsonPropertyName("next_cursor"), Description("Pass as cursor (with the same filters) for the next page; null when there is none.")] string? NextCursor,
    [property: JsonPropertyName("as_of_sequence"), Description("The trail size when the first page was read; later pages never include newer entries.")] long AsOfSequence,
    [property: JsonPropertyName("scanned"), Description("How many entries were read to build this page.")] int Scanned)
{
    public static AuditQueryOutput From(AuditQueryPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new AuditQueryOutput([.. page.Entries.Select(AuditEntryOutput.From)], page.NextCursor, page.AsOfSequence, page.Scanned);
    }
}
