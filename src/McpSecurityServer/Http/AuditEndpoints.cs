using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;

namespace McpSecurity.Server.Http;

/// <summary><c>GET /api/v1/audit/verify</c> (permission audit:verify): the same check as <c>verify_audit</c> and <c>audit verify</c>.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var audit = api.MapGroup("/audit");
        audit.MapGet("/verify", VerifyAsync).RequirePermission(Permissions.AuditVerify);
        return api;
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, IAuditVerifier verifier, CancellationToken cancellationToken)
    {
        var facts = RequestFacts.For(context);
        var result = await verifier.VerifyAsync(new AuditVerificationRequest
        {
            RequestedBy = context.User.FindFirst(CallerClaims.Subject)?.Value,
            Address = facts.Address,
            RequestId = facts.RequestId,
        }, cancellationToken);
        // 200 either way: the check ran; "ok" says whether the trail is intact (a monitor alerts on ok=false).
        return Results.Json(AuditVerificationOutput.From(result), WireJson.Options);
    }
}
