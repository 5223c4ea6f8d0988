using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.Validation;

public sealed class HandoffReportValidatorTests
{
    private static JsonObject Valid() => JsonNode.Parse(Fixtures.Read("phase6/submitted-full.json"))!.AsObject();

    private static IReadOnlyList<HandoffValidationError> ErrorsOf(JsonObject document) =>
        HandoffJson.ReadEnhancedReport(document.ToJsonString()).Errors;

    [Fact]
    public void ReadEnhancedReport_ShapeErrorsInSeveralFields_ReportsOneErrorPerFieldWithPathAndCode()
    {
        var doc = Valid();
        doc["status"] = "finished";
        doc["created_at"] = "last tuesday";
        doc["quality_score"] = "high";
        doc["phase6_components"]![1]!["component_type"] = "quantum_layer";
        doc["phase6_components"]![0]!["progress_percentage"] = true;
        doc["metrics"]!["tasks_completed"] = 1.5;
        doc.Remove("task_id");
        doc["pipeline_id"] = null;
        doc["achievements"] = "one";

        var errors = ErrorsOf(doc);

        Assert.Equal(
            new[]
            {
                ("$.pipeline_id", HandoffValidationCodes.Required), ("$.task_id", HandoffValidationCodes.Required),
                ("$.status", HandoffValidationCodes.InvalidValue), ("$.achievements", HandoffValidationCodes.InvalidType),
                ("$.created_at", HandoffValidationCodes.InvalidTimestamp), ("$.quality_score", HandoffValidationCodes.InvalidType),
                ("$.metrics.tasks_completed", HandoffValidationCodes.InvalidType),
                ("$.phase6_components[0].progress_percentage", HandoffValidationCodes.InvalidType),
                ("$.phase6_components[1].component_type", HandoffValidationCodes.InvalidValue),
            }.Select(e => (e.Item1[2..], e.Item2)).Order(),
            errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Contains(errors, e => e.Field == "status" && e.Message.Contains("under_review", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadEnhancedReport_RuleErrors_ReportsEveryBrokenRule()
    {
        var doc = Valid();
        doc["work_summary"] = "   too short   ";
        doc["quality_score"] = 1.5;
        doc["test_coverage_percentage"] = -1;
        doc["overall_phase6_progress"] = 101;
        doc["review_feedback"] = new string('x', 2001);
        doc["phase6_components"]![0]!["notes"] = new string('n', 2001);
        doc["phase6_components"]![1]!["component_type"] = "error_handling";
        doc["metrics"]!["retry_attempts"] = -3;
        doc["agent_id"] = " ";

        var errors = ErrorsOf(doc);

        Assert.Equal(
            new[]
            {
                ("agent_id", HandoffValidationCodes.Required), ("work_summary", HandoffValidationCodes.TooShort),
                ("overall_phase6_progress", HandoffValidationCodes.OutOfRange), ("quality_score", HandoffValidationCodes.OutOfRange),
                ("test_coverage_percentage", HandoffValidationCodes.OutOfRange), ("review_feedback", HandoffValidationCodes.TooLong),
                ("phase6_components[0].notes", HandoffValidationCodes.TooLong),
                ("phase6_components[1].component_type", HandoffValidationCodes.Duplicate),
                ("metrics.retry_attempts", HandoffValidationCodes.OutOfRange),
            }.Order(),
            errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public void ReadEnhancedReport_WorkSummaryPaddedToLength_CountsTrimmedLength()
    {
        var doc = Valid();
        doc["work_summary"] = new string(' ', 40) + new string('w', 49) + new string(' ', 40);

        var error = Assert.Single(ErrorsOf(doc));

        Assert.Equal(("work_summary", HandoffValidationCodes.TooShort), (error.Field, error.Code));
    }

    [Fact]
    public void ReadEnhancedReport_SignOffCommentsTooLongAndBadPhase7Score_AreNamed()
    {
        var doc = JsonNode.Parse(Fixtures.Read("phase7/enhanced-under-review.json"))!.AsObject();
        doc["sign_offs_received"]![0]!["comments"] = new string('c', 1001);
        doc["sign_offs_received"]![1]!["security_score"] = 1.2;
        doc["phase7_components"]![0]!["completion_percentage"] = 120;
        doc["phase7_components"]![1]!["status"] = "done";

        var errors = ErrorsOf(doc);
        Assert.Equal([("phase7_components[1].status", HandoffValidationCodes.InvalidValue)], errors.Select(e => (e.Field, e.Code)));

        doc["phase7_components"]![1]!["status"] = "in_progress";
        errors = ErrorsOf(doc);
        Assert.Equal(
            new[]
            {
                ("sign_offs_received[0].comments", HandoffValidationCodes.TooLong),
                ("sign_offs_received[1].security_score", HandoffValidationCodes.OutOfRange),
                ("phase7_components[0].completion_percentage", HandoffValidationCodes.OutOfRange),
            }.Order(),
            errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("\"report\"")]
    public void ReadReport_NotAJsonObject_IsOneBodyError(string body)
    {
        var error = Assert.Single(HandoffJson.ReadReport(body).Errors);

        Assert.Equal("$", error.Field);
        Assert.Equal(HandoffValidationCodes.InvalidJson, error.Code);
    }

    [Fact]
    public void ReadReport_DuplicateProperty_IsNamed()
    {
        var text = Fixtures.Read("phase6/draft-minimal.json").Replace("\"status\": \"draft\",", "\"status\": \"draft\", \"status\": \"approved\",", StringComparison.Ordinal);

        var error = Assert.Single(HandoffJson.ReadReport(text).Errors);

        Assert.Equal(("status", HandoffValidationCodes.Duplicate), (error.Field, error.Code));
    }

    [Fact]
    public void GetValueOrThrow_Invalid_ThrowsValidationFailedWithTheErrorsInDetails()
    {
        var doc = Valid();
        doc["quality_score"] = 2;
        doc["test_coverage_percentage"] = 200;

        var ex = Assert.Throws<SecurityException>(() => HandoffJson.ReadEnhancedReport(doc.ToJsonString()).GetValueOrThrow());

        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
        var errors = Assert.IsAssignableFrom<IReadOnlyList<HandoffValidationError>>(ex.Details![HandoffValidation.ErrorsDetailKey]);
        Assert.Equal(2, errors.Count);
        Assert.Contains("quality_score", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test_coverage_percentage", ex.Message, StringComparison.Ordinal);
    }
}
