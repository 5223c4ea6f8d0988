using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Handoff;

/// <summary>Import: a new draft from a report written elsewhere (a Phase 6 JSON file).</summary>
internal sealed partial class HandoffWorkflowService
{
    /// <summary>The extra field that keeps the id the imported report had where it came from.</summary>
    internal const string SourceReportIdField = "source_report_id";

    /// <inheritdoc />
    public async Task<HandoffReportEntry> ImportAsync(ActingPrincipal caller, EnhancedAgentHandoffReport source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        EnhancedAgentHandoffReport report;
        try
        {
            HandoffValidation.ThrowIfInvalid(HandoffReportValidator.Validate(source));
            var now = Now();

            // The work is kept as written (unknown fields at every level too); who filed it, where it stands in the workflow,
            // and everything this server vouches for (sign-offs, security figures) are this server's own from now on.
            report = HandoffJson.Clone(source);
            report.ReportId = NewId("handoff_");
            report.AgentId = caller.Id;
            report.Status = HandoffReportStatus.Draft;
            report.SignOffsReceived = [];
            report.ReviewFeedback = null;
            report.AmendmentsRequired = [];
            report.SubmittedAt = null;
            report.ReviewedAt = null;
            report.ApprovedAt = null;
            report.CreatedAt = now;
            report.UpdatedAt = now;
            report.SecurityMetrics = new SecurityMetrics();
            report.AuthenticationStatus = new AuthenticationStatus();
            report.ComplianceValidation = new ComplianceStatus();
            foreach (var component in report.Phase7Components)
            {
                component.Id = NewId("component_");
                component.ReportId = report.ReportId;
                component.SignedOffBy = [];
                component.ReviewedBy = [];
                if (component.Status is Phase7ComponentStatus.SignedOff or Phase7ComponentStatus.UnderReview)
                {
                    component.Status = Phase7ComponentStatus.Completed;
                }
            }

            report.ExtensionData ??= [];
            report.ExtensionData.Remove(ReviewerIdField);
            report.ExtensionData.Remove(SubmitHandoffReportRequest.SubmissionNotesField);
            report.ExtensionData[SourceReportIdField] = JsonSerializer.SerializeToElement(source.ReportId, HandoffJsonContext.Default.String);
        }
        catch (SecurityException ex)
        {
            await PublishFailureAsync(caller, SecurityEventTypes.HandoffReportCreated, null, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }

        return await InsertNewAsync(caller, report, new Dictionary<string, string>
        {
            ["source"] = "import",
            [SourceReportIdField] = source.ReportId,
            ["source_status"] = HandoffEnumNames.Of(source.Status),
            ["dropped_sign_offs"] = source.SignOffsReceived.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
    }
}
