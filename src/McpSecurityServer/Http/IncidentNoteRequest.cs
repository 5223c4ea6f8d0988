namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/incidents/{id}/acknowledge</c> and <c>/resolve</c>: <c>{"note"}</c>, optional.</summary>
internal sealed class IncidentNoteRequest
{
    public string? Note { get; set; }
}
