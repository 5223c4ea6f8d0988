using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>GET /api/v1/audit</c> (query, audit:read), <c>GET /api/v1/audit/proof</c> (audit:read) and <c>GET /api/v1/audit/export</c>
/// (audit:export, JSON Lines): the same services and rules as <c>query_audit</c>, <c>get_audit_proof</c> and <c>export_audit</c>.
/// </summary>
internal static class AuditQueryEndpoints
{
    public static RouteGroupBuilder MapAuditQueryEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var audit = api.MapGroup("/audit");
        audit.MapGet("", QueryAsync).RequirePermission(Permissions.AuditRead);
        audit.MapGet("/proof", ProofAsync).RequirePermission(Permissions.AuditRead);
        audit.MapGet("/export", ExportAsync).RequirePermission(Permissions.AuditExport);
        return api;
    }

    private static async Task<IResult> QueryAsync(HttpContext context, IAuditQueryService queries)
    {
        var q = context.Request.Query;
        var query = AuditInput.Query(q["from"], q["to"], q["actor"], q["type"], q["outcome"], q["target"], q["text"], q["limit"], q["cursor"]);
        var page = await queries.QueryAsync(query, Reader(context), context.RequestAborted);
        return Results.Json(AuditQueryOutput.From(page), WireJson.Options);
    }

    private static async Task<IResult> ProofAsync(HttpContext context, IAuditProofService proofs)
    {
        var q = context.Request.Query;
        var output = await AuditQueryTools.Proof(proofs, AuditInput.Number(q["sequence"], "sequence"), AuditInput.Number(q["tree_size"], "tree_size"),
            AuditInput.Number(q["first_size"], "first_size"), AuditInput.Number(q["second_size"], "second_size"), Reader(context), context.RequestAborted);
        return Results.Json(output, WireJson.Options);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, IAuditExportService exports)
    {
        var q = context.Request.Query;
        var request = new AuditExportRequest { From = AuditInput.Instant(q["from"], "from"), To = AuditInput.Instant(q["to"], "to"), MaxEntries = AuditInput.MaxInlineExportEntries };
        // Buffered: a refusal (too many entries) must still answer an error envelope, not half a file.
        var buffer = new MemoryStream();
        await exports.ExportAsync(buffer, request, Reader(context), context.RequestAborted);
        buffer.Position = 0;
        return Results.Stream(buffer, "application/x-ndjson", fileDownloadName: "audit-export.jsonl");
    }

    private static ActingPrincipal Reader(HttpContext context)
    {
        var facts = RequestFacts.For(context);
        return ActingPrincipal.Subject(context.User.FindFirst(CallerClaims.Subject)?.Value ?? "unknown", facts.Address, facts.RequestId);
    }
}
