using System.Text.Json;
using System.Text.Json.Nodes;
using McpSecurity.Handoff;
using McpSecurity.Tests.Handoff.Infrastructure;

namespace McpSecurity.Tests.Handoff.Serialization;

public sealed class HandoffRoundTripTests
{
    public static TheoryData<string> Phase6Names => Fixtures.Phase6Names();

    [Theory]
    [MemberData(nameof(Phase6Names))]
    public void ReadReport_Phase6Fixture_WritesTheSameMeaningWithUnknownFieldsIntact(string name)
    {
        var text = Fixtures.Read($"phase6/{name}");
        var result = HandoffJson.ReadReport(text);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Code}")));

        var written = HandoffJson.Serialize(result.Value!);

        JsonSemantics.AssertEquivalent(JsonNode.Parse(text), JsonNode.Parse(written));
        JsonSemantics.AssertTimestampsUtc(JsonNode.Parse(written));
    }

    [Theory]
    [MemberData(nameof(Phase6Names))]
    public void ReadEnhancedReport_Phase6Fixture_AddsOnlyPhase7DefaultsAndLoadsBackAsPhase6(string name)
    {
        var text = Fixtures.Read($"phase6/{name}");
        var enhanced = HandoffJson.ReadEnhancedReport(text).GetValueOrThrow();

        Assert.Empty(enhanced.Phase7Components);
        Assert.Equal(AuthenticationState.Unauthenticated, enhanced.AuthenticationStatus.State);
        Assert.Equal(ComplianceOverallStatus.Unknown, enhanced.ComplianceValidation.Overall);
        Assert.Equal("HIPAA", enhanced.ComplianceValidation.Framework);
        Assert.Equal(0, enhanced.SecurityMetrics.TotalSecurityEvents);
        Assert.All(enhanced.SignOffsReceived, s => Assert.False(s.TwoFactorAuthenticated));

        var written = HandoffJson.Serialize(enhanced);
        JsonSemantics.AssertEquivalent(JsonNode.Parse(text), JsonNode.Parse(written));

        // What we write must still load as Phase 6 wrote it; a Phase 6 reader keeps our additions as unknown fields.
        var asPhase6 = HandoffJson.ReadReport(written).GetValueOrThrow();
        Assert.True(asPhase6.ExtensionData!.ContainsKey("phase7_components"));
        Assert.True(asPhase6.ExtensionData.ContainsKey("compliance_validation"));
        JsonSemantics.AssertEquivalent(JsonNode.Parse(written), JsonNode.Parse(HandoffJson.Serialize(asPhase6)));
    }

    [Fact]
    public void ReadEnhancedReport_Phase7Fixture_RoundTripsEveryField()
    {
        var text = Fixtures.Read("phase7/enhanced-under-review.json");
        var result = HandoffJson.ReadEnhancedReport(text);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Code}")));
        var report = result.Value!;

        Assert.Equal(8, report.Phase7Components.Count);
        Assert.Equal(AuthenticationMethod.PasswordTotp, report.SignOffsReceived[0].AuthenticationMethod);
        Assert.Equal(IPReputationLevel.Trusted, report.SignOffsReceived[0].IpReputation!.Level);
        Assert.Equal(3, report.Phase7Components[6].SignedOffBy.Count);
        Assert.Equal(ComplianceOverallStatus.PartiallyCompliant, report.ComplianceValidation.Overall);

        var written = HandoffJson.Serialize(report);
        JsonSemantics.AssertEquivalent(JsonNode.Parse(text), JsonNode.Parse(written));
        JsonSemantics.AssertTimestampsUtc(JsonNode.Parse(written));
    }

    [Fact]
    public void ReadModifyWrite_UnknownFieldsAtEveryLevel_Survive()
    {
        var text = Fixtures.Read("phase6/submitted-full.json");
        var report = HandoffJson.ReadEnhancedReport(text).GetValueOrThrow();

        report.Status = HandoffReportStatus.UnderReview;
        report.Phase6Components[0].ProgressPercentage = 99;
        report.Metrics.TasksCompleted = 13;
        var written = JsonNode.Parse(HandoffJson.Serialize(report))!;
        var original = JsonNode.Parse(text)!;

        Assert.Equal("under_review", written["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(original["phase6_trace_id"], written["phase6_trace_id"]));
        Assert.True(JsonNode.DeepEquals(original["x_custom_flags"], written["x_custom_flags"]));
        Assert.True(JsonNode.DeepEquals(original["legacy_score"], written["legacy_score"]));
        Assert.True(JsonNode.DeepEquals(original["phase6_components"]![0]!["x_phase6_internal"], written["phase6_components"]![0]!["x_phase6_internal"]));
        Assert.True(JsonNode.DeepEquals(original["phase6_components"]![0]!["review_round"], written["phase6_components"]![0]!["review_round"]));
        Assert.True(JsonNode.DeepEquals(original["metrics"]!["gc_pauses_ms"], written["metrics"]!["gc_pauses_ms"]));
    }

    [Fact]
    public void ReadModifyWrite_UnknownFieldInsideSignOffAndPhase7Objects_Survive()
    {
        var text = Fixtures.Read("phase7/enhanced-under-review.json");
        var report = HandoffJson.ReadEnhancedReport(text).GetValueOrThrow();
        report.Phase7Components[2].CompletionPercentage = 100;

        var written = JsonNode.Parse(HandoffJson.Serialize(report))!;

        Assert.Equal("ed25519:abcd", written["sign_offs_received"]![0]!["signature_hint"]!.GetValue<string>());
        Assert.Equal(64500, written["sign_offs_received"]![0]!["ip_reputation"]!["asn"]!.GetValue<int>());
        Assert.True(written["phase7_components"]![2]!["x_vendor_note"]!["kept"]!.GetValue<bool>());
        Assert.Equal("audit-trail", written["security_metrics"]!["source"]!.GetValue<string>());
        Assert.Equal("k1", written["authentication_status"]!["token_kid"]!.GetValue<string>());
        Assert.Equal("SEC-12", written["compliance_validation"]!["failing_controls"]![0]!["ticket"]!.GetValue<string>());
    }

    [Fact]
    public void Phase6Fixtures_TogetherCoverEveryValueOfEveryPhase6Enumeration()
    {
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Note(string field, JsonNode? value)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                (seen.TryGetValue(field, out var set) ? set : seen[field] = new HashSet<string>(StringComparer.Ordinal)).Add(v.GetValue<string>());
            }
        }

        foreach (var file in Fixtures.Phase6Files())
        {
            var report = HandoffJson.ReadReport(File.ReadAllText(file)).GetValueOrThrow();
            var node = JsonNode.Parse(HandoffJson.Serialize(report))!;
            Note("status", node["status"]);
            Note("sign_off_status", node["sign_off_status"]);
            foreach (var c in node["phase6_components"]!.AsArray())
            {
                Note("component_status", c!["status"]);
                Note("component_type", c["component_type"]);
            }

            foreach (var s in node["sign_offs_received"]!.AsArray())
            {
                Note("role", s!["role"]);
                Note("sign_off_decision", s["status"]);
            }
        }

        Assert.Equal(HandoffEnumNames.Of(typeof(HandoffReportStatus)).Order(), seen["status"].Order());
        Assert.Equal(HandoffEnumNames.Of(typeof(SignOffStatus)).Order(), seen["sign_off_status"].Order());
        Assert.Equal(HandoffEnumNames.Of(typeof(Phase6ComponentStatus)).Order(), seen["component_status"].Order());
        Assert.Equal(HandoffEnumNames.Of(typeof(ComponentType)).Order(), seen["component_type"].Order());
        Assert.Equal(HandoffEnumNames.Of(typeof(SignOffRole)).Order(), seen["role"].Order());
        Assert.Equal(HandoffEnumNames.Of(typeof(SignOffDecision)).Order(), seen["sign_off_decision"].Order());
    }

    [Fact]
    public void Phase7Fixture_CoversEveryPhase7ComponentTypeAndStatus()
    {
        var report = HandoffJson.ReadEnhancedReport(Fixtures.Read("phase7/enhanced-under-review.json")).GetValueOrThrow();

        Assert.Equal(Enum.GetValues<Phase7ComponentType>().Order(), report.Phase7Components.Select(c => c.ComponentType).Order());
        Assert.Equal(Enum.GetValues<Phase7ComponentStatus>().Order(), report.Phase7Components.Select(c => c.Status).Distinct().Order());
    }
}
