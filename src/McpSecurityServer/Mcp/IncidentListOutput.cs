using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Server.Mcp;

/// <summary>One page of incidents, newest (by last seen) first (<c>list_incidents</c>, <c>GET /api/v1/incidents</c>).</summary>
internal sealed record IncidentListOutput(
    [property: JsonPropertyName("incidents")] IReadOnlyList<IncidentOutput> Incidents,
    [property: JsonPropertyName("next_cursor"), Description("Pass as cursor for the next page; null on the last page.")] string? NextCursor)
{
    public static IncidentListOutput From(IncidentPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new IncidentListOutput([.. page.Items.Select(IncidentOutput.From)], page.NextCursor);
    }
}
