using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Handoff;

/// <summary>Phase 6 and Phase 7 component progress.</summary>
internal sealed partial class HandoffWorkflowService
{
    /// <inheritdoc />
    public Task<HandoffReportEntry> UpdatePhase6ComponentAsync(ActingPrincipal caller, string reportId, UpdatePhase6ComponentRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return MutateAsync(caller, reportId, expectedRevision, SecurityEventTypes.HandoffComponentUpdated, (report, now) =>
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Phase6Component(request, null));
            EnsureOwner(caller, report, "change the components of");
            EnsureEditable(report, "change its Phase 6 components", HandoffStatusTransitions.IsEditable);

            var component = report.Phase6Components.Find(c => c.ComponentType == request.ComponentType);
            var previous = component?.Status;
            if (component is null)
            {
                component = new Phase6ComponentProgress { ComponentType = request.ComponentType };
                report.Phase6Components.Add(component);
            }

            component.Status = request.Status;
            component.ProgressPercentage = request.ProgressPercentage;
            component.StartedAt = request.StartedAt ?? component.StartedAt ?? (request.Status == Phase6ComponentStatus.NotStarted ? null : now);
            component.CompletedAt = request.CompletedAt
                ?? (request.Status is Phase6ComponentStatus.Completed or Phase6ComponentStatus.Verified ? component.CompletedAt ?? now : component.CompletedAt);
            component.EstimatedCompletion = request.EstimatedCompletion ?? component.EstimatedCompletion;
            component.Notes = request.Notes ?? component.Notes;
            component.TestResults = request.TestResults ?? component.TestResults;
            component.CodeReviewStatus = request.CodeReviewStatus ?? component.CodeReviewStatus;
            component.SecurityReviewStatus = request.SecurityReviewStatus ?? component.SecurityReviewStatus;

            var details = new Dictionary<string, string>
            {
                ["phase"] = "6",
                ["component_type"] = HandoffEnumNames.Of(component.ComponentType),
                ["component_status"] = HandoffEnumNames.Of(component.Status),
            };
            if (previous is { } before)
            {
                details["previous_component_status"] = HandoffEnumNames.Of(before);
            }

            return details;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<HandoffReportEntry> UpdatePhase7ComponentAsync(ActingPrincipal caller, string reportId, UpdatePhase7ComponentRequest request, long? expectedRevision = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return MutateAsync(caller, reportId, expectedRevision, SecurityEventTypes.HandoffComponentUpdated, (report, now) =>
        {
            HandoffValidation.ThrowIfInvalid(HandoffRequestValidator.Phase7Component(request));
            EnsureOwner(caller, report, "change the components of");
            EnsureEditable(report, "change its Phase 7 components", status => !HandoffStatusTransitions.IsFinal(status));

            var component = report.Phase7Components.Find(c => c.ComponentType == request.ComponentType);
            var previous = component?.Status;
            if (component is null)
            {
                component = new Phase7ComponentProgress { Id = NewId("component_"), ReportId = report.ReportId, ComponentType = request.ComponentType };
                report.Phase7Components.Add(component);
            }
            else if (component.Status == Phase7ComponentStatus.SignedOff)
            {
                // Its sign-offs were given for what it is now; a change would make them vouch for something else.
                var requested = HandoffEnumNames.Of(request.Status ?? component.Status);
                throw new SecurityException(SecurityErrorCodes.HandoffInvalidTransition,
                    $"The component '{HandoffEnumNames.Of(component.ComponentType)}' is 'signed_off' and cannot change (requested '{requested}').",
                    new Dictionary<string, object?>
                    {
                        ["component_type"] = HandoffEnumNames.Of(component.ComponentType),
                        ["current_status"] = "signed_off",
                        ["requested_status"] = requested,
                    });
            }

            component.Status = request.Status ?? component.Status;
            component.CompletionPercentage = request.CompletionPercentage ?? component.CompletionPercentage;
            component.TestCoverage = request.TestCoverage ?? component.TestCoverage;
            component.SecurityScore = request.SecurityScore ?? component.SecurityScore;
            if (request.PerformanceMetrics is { } metrics)
            {
                component.PerformanceMetrics = new Dictionary<string, double>(metrics, StringComparer.Ordinal);
            }

            if (request.Dependencies is { } dependencies)
            {
                component.Dependencies = [.. dependencies.Distinct()];
            }

            if (request.Attachments is { } attachments)
            {
                component.Attachments = [.. attachments];
            }

            component.Notes = request.Notes ?? component.Notes;
            component.CompletedAt = request.CompletedAt
                ?? (component.Status == Phase7ComponentStatus.Completed ? component.CompletedAt ?? now : component.CompletedAt);

            var details = new Dictionary<string, string>
            {
                ["phase"] = "7",
                ["component_type"] = HandoffEnumNames.Of(component.ComponentType),
                ["component_status"] = HandoffEnumNames.Of(component.Status),
            };
            if (previous is { } before)
            {
                details["previous_component_status"] = HandoffEnumNames.Of(before);
            }

            return details;
        }, cancellationToken);
    }
}
