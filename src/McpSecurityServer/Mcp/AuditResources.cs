using System.ComponentModel;
using System.Text.Json;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The audit resources of the MCP face (permission audit:read, checked on every read).</summary>
[McpServerResourceType]
internal sealed class AuditResources(IAuditQueryService queries, McpCallerResolver callers)
{
    [McpServerResource(UriTemplate = "security://audit/recent", Name = "audit_recent", Title = "Recent audit entries", MimeType = "application/json")]
    [Description("The 50 newest audit entries (permission audit:read), as query_audit answers them without filters; the read is audited once a minute per reader.")]
    public async Task<string> RecentAsync(CancellationToken cancellationToken = default)
    {
        var caller = await callers.RequirePermissionAsync(Permissions.AuditRead, "security://audit/recent", cancellationToken);
        var context = callers.RequestContext();
        var page = await queries.QueryAsync(new AuditQuery { Limit = AuditQuery.DefaultLimit }, ActingPrincipal.Subject(caller.Subject, context.Address, context.RequestId), cancellationToken);
        return JsonSerializer.Serialize(AuditQueryOutput.From(page), WireJson.Options);
    }
}
