using McpSecurity.Handoff;
using McpSecurity.SecurityCore;

namespace McpSecurity.Tests.Handoff.Workflow;

public sealed class HandoffStatusTransitionsTests
{
    [Theory]
    [InlineData(HandoffReportStatus.Draft, HandoffReportStatus.Submitted)]
    [InlineData(HandoffReportStatus.AmendmentsRequired, HandoffReportStatus.Submitted)]
    [InlineData(HandoffReportStatus.Submitted, HandoffReportStatus.UnderReview)]
    [InlineData(HandoffReportStatus.Submitted, HandoffReportStatus.Approved)]
    [InlineData(HandoffReportStatus.UnderReview, HandoffReportStatus.Rejected)]
    [InlineData(HandoffReportStatus.UnderReview, HandoffReportStatus.AmendmentsRequired)]
    public void EnsureAllowed_Phase6Transition_Passes(HandoffReportStatus from, HandoffReportStatus to)
    {
        HandoffStatusTransitions.EnsureAllowed(from, to);
        Assert.True(HandoffStatusTransitions.IsAllowed(from, to));
    }

    [Theory]
    [InlineData(HandoffReportStatus.Draft, HandoffReportStatus.Approved, "draft", "approved")]
    [InlineData(HandoffReportStatus.Approved, HandoffReportStatus.Submitted, "approved", "submitted")]
    [InlineData(HandoffReportStatus.Rejected, HandoffReportStatus.UnderReview, "rejected", "under_review")]
    [InlineData(HandoffReportStatus.UnderReview, HandoffReportStatus.Submitted, "under_review", "submitted")]
    [InlineData(HandoffReportStatus.AmendmentsRequired, HandoffReportStatus.Approved, "amendments_required", "approved")]
    public void EnsureAllowed_OtherTransition_IsRefusedNamingBoth(HandoffReportStatus from, HandoffReportStatus to, string current, string requested)
    {
        var ex = Assert.Throws<SecurityException>(() => HandoffStatusTransitions.EnsureAllowed(from, to));

        Assert.Equal(SecurityErrorCodes.HandoffInvalidTransition, ex.Code);
        Assert.Equal((current, requested), ((string)ex.Details!["current_status"]!, (string)ex.Details["requested_status"]!));
        Assert.Contains($"'{current}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{requested}'", ex.Message, StringComparison.Ordinal);
    }
}
