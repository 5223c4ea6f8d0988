using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using McpSecurity.SecurityCore.Audit;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The audit query, proof and export tools of the MCP face: thin calls into SecurityCore's audit services.</summary>
[McpServerToolType]
internal sealed class AuditQueryTools(
    IAuditQueryService queries,
    IAuditProofService proofs,
    IAuditExportService exports,
    McpCallerResolver callers,
    ILogger<AuditQueryTools> logger)
{
    [McpServerTool(Name = "query_audit", Title = "Query the audit trail", UseStructuredContent = true, OutputSchemaType = typeof(AuditQueryOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.AuditRead)]
    [Description("Searches the tamper-evident audit trail (permission audit:read), newest first: by time range, actor (subject id), event type, " +
        "outcome, target and free text (case-insensitive, also in details). Cursor-paginated: pass next_cursor with the same filters for the next " +
        "page; entries appended meanwhile never shift a page. Reads of the trail (audit_read) appear only when type=audit_read. The query is itself audited.")]
    public Task<CallToolResult> QueryAuditAsync(
        [Description("Earliest timestamp, inclusive (ISO 8601).")] string? from = null,
        [Description("Latest timestamp, exclusive (ISO 8601).")] string? to = null,
        [Description("The acting subject id, exact (usr_... or a client id)."), StringLength(AuditQuery.MaxValueLength)] string? actor = null,
        [Description("The event type, exact (for example login_failed)."), StringLength(AuditQuery.MaxValueLength)] string? type = null,
        [Description("success, failure or info.")] string? outcome = null,
        [Description("The target, exact."), StringLength(AuditQuery.MaxValueLength)] string? target = null,
        [Description("Free text, case-insensitive substring of any field or detail."), StringLength(AuditQuery.MaxTextLength)] string? text = null,
        [Description("Page size, 1 to 500 (default 50).")] int? limit = null,
        [Description("The next_cursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "query_audit", async () =>
        {
            var caller = await callers.RequirePermissionAsync(Permissions.AuditRead, "query_audit", cancellationToken);
            var query = AuditInput.Query(from, to, actor, type, outcome, target, text, null, cursor) with { Limit = limit };
            var page = await queries.QueryAsync(query, Reader(caller), cancellationToken);
            return AuditQueryOutput.From(page);
        });

    [McpServerTool(Name = "get_audit_proof", Title = "Get an audit proof", UseStructuredContent = true, OutputSchemaType = typeof(AuditProofOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.AuditRead)]
    [Description("Makes a proof a third party can check with the audit public key (permission audit:read). Give sequence (and optionally tree_size) " +
        "for an RFC 9162 inclusion proof of that entry against a signed checkpoint (default: the newest that covers it, else the current tree); or " +
        "first_size (and optionally second_size, default the newest checkpoint) for a consistency proof between two checkpoints.")]
    public Task<CallToolResult> GetAuditProofAsync(
        [Description("The entry's sequence number (inclusion proof).")] long? sequence = null,
        [Description("The tree size to prove the entry against (a checkpoint's tree_size).")] long? tree_size = null,
        [Description("The older tree size (consistency proof).")] long? first_size = null,
        [Description("The newer tree size (consistency proof).")] long? second_size = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "get_audit_proof", async () =>
        {
            var caller = await callers.RequirePermissionAsync(Permissions.AuditRead, "get_audit_proof", cancellationToken);
            return await Proof(proofs, sequence, tree_size, first_size, second_size, Reader(caller), cancellationToken);
        });

    [McpServerTool(Name = "export_audit", Title = "Export the audit trail", UseStructuredContent = true, OutputSchemaType = typeof(AuditExportOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.AuditExport)]
    [Description("Exports a time range of the audit trail (permission audit:export, at most 10000 entries; the command line 'audit export' has no limit) " +
        "as JSON Lines: one RFC 8785 canonical entry per line, then a proof bundle line (a fresh signed checkpoint, the audit public keys as JWK, " +
        "inclusion proofs of the first and last entry). Verify offline with 'audit verify-export --in FILE'. The export is audited.")]
    public Task<CallToolResult> ExportAuditAsync(
        [Description("Earliest timestamp, inclusive (ISO 8601); default the oldest retained entry.")] string? from = null,
        [Description("Latest timestamp, exclusive (ISO 8601); default now.")] string? to = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "export_audit", async () =>
        {
            var caller = await callers.RequirePermissionAsync(Permissions.AuditExport, "export_audit", cancellationToken);
            var request = new AuditExportRequest { From = AuditInput.Instant(from, "from"), To = AuditInput.Instant(to, "to"), MaxEntries = AuditInput.MaxInlineExportEntries };
            using var buffer = new MemoryStream();
            var summary = await exports.ExportAsync(buffer, request, Reader(caller), cancellationToken);
            return new AuditExportOutput(summary.Count, summary.FirstSequence, summary.LastSequence, summary.Checkpoint.TreeSize, summary.Checkpoint.RootHash,
                Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        });

    /// <summary>Answers a proof request (shared with the REST endpoint).</summary>
    internal static async Task<AuditProofOutput> Proof(
        IAuditProofService proofs, long? sequence, long? treeSize, long? firstSize, long? secondSize, ActingPrincipal reader, CancellationToken cancellationToken)
    {
        if ((sequence is null) == (firstSize is null))
        {
            throw ToolInput.Invalid("sequence", "or first_size is required (exactly one: sequence for an inclusion proof, first_size for a consistency proof)");
        }

        return sequence is { } s
            ? AuditProofOutput.From(await proofs.GetInclusionProofAsync(s, treeSize, reader, cancellationToken))
            : AuditProofOutput.From(await proofs.GetConsistencyProofAsync(firstSize!.Value, secondSize, reader, cancellationToken));
    }

    private ActingPrincipal Reader(Http.Caller caller)
    {
        var context = callers.RequestContext();
        return ActingPrincipal.Subject(caller.Subject, context.Address, context.RequestId);
    }
}
