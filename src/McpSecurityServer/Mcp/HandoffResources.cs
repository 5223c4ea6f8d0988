using System.ComponentModel;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The hand-off resource template <c>handoff://reports/{report_id}</c>: the same enhanced report as <c>get_handoff_report</c>.</summary>
[McpServerResourceType]
internal sealed class HandoffResources(IHandoffWorkflow workflow, IHandoffReportBuilder builder, McpCallerResolver callers)
{
    [McpServerResource(UriTemplate = "handoff://reports/{report_id}", Name = "handoff_report", Title = "Hand-off report", MimeType = "application/json")]
    [Description("A hand-off report as an EnhancedAgentHandoffReport with live security data (permission handoff:read).")]
    public async Task<string> ReportAsync(string report_id, CancellationToken cancellationToken)
    {
        try
        {
            var caller = await callers.RequirePermissionAsync(Permissions.HandoffRead, "handoff://reports", cancellationToken);
            var context = callers.RequestContext();
            var entry = await workflow.GetAsync(ToolInput.Require(report_id, nameof(report_id), InputLimits.HandoffId), cancellationToken);
            var report = await builder.BuildAsync(entry, HandoffFace.ToHandoffCaller(caller, context.Address, context.RequestId), cancellationToken);
            return HandoffJson.Serialize(report);
        }
        catch (SecurityException ex)
        {
            throw new McpException($"{ex.Code}: {ex.Message}");
        }
    }
}
