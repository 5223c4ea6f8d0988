using System.ComponentModel;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The audit trail tools of the MCP face: thin calls into <see cref="IAuditVerifier"/>.</summary>
[McpServerToolType]
internal sealed class AuditTools(IAuditVerifier verifier, McpCallerResolver callers, ILogger<AuditTools> logger)
{
    [McpServerTool(Name = "verify_audit", Title = "Verify the audit trail", UseStructuredContent = true, OutputSchemaType = typeof(AuditVerificationOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.AuditVerify)]
    [Description("Recomputes the tamper-evident audit trail (permission audit:verify): every entry's SHA-256 hash chain, the RFC 9162 Merkle " +
        "tree, every signed checkpoint and the exported anchor file. Answers ok, or the first bad sequence number with a stable code " +
        "(AUDIT_ENTRY_HASH_MISMATCH, AUDIT_SEQUENCE_GAP, AUDIT_CHAIN_BROKEN, AUDIT_TAIL_TRUNCATED, ...). The check itself is audited.")]
    public Task<CallToolResult> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "verify_audit", async () =>
        {
            var caller = await callers.RequirePermissionAsync(Permissions.AuditVerify, "verify_audit", cancellationToken);
            var context = callers.RequestContext();
            var result = await verifier.VerifyAsync(new AuditVerificationRequest
            {
                RequestedBy = caller.Subject,
                Address = context.Address,
                RequestId = context.RequestId,
            }, cancellationToken);
            return AuditVerificationOutput.From(result);
        });
}
