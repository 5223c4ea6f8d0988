using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Http;

public sealed class HandoffEndpointsTests : IClassFixture<AdminServerFactory>
{
    private const string Base = "/api/v1/agent-handoff";
    private const string Summary = "Implemented retries, circuit breakers and the error envelope for the ingestion pipeline.";
    private readonly AdminServerFactory _factory;

    public HandoffEndpointsTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public async Task Phase6Routes_CreateUpdateComponentsSubmitSignOffReview_SpeakPhase6Json()
    {
        using var http = _factory.CreateClient();
        var agent = await TokenAsync(http, "developer");

        var created = await SendAsync(http, HttpMethod.Post, "/reports", agent,
            $$"""{"pipeline_id": "pipe-9", "task_id": "task-9", "work_summary": "{{Summary}}", "achievements": ["retries"], "quality_score": 0.9, "x_phase6_extra": {"keep": true} }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = await created.JsonAsync();
        var id = report.Str("report_id");
        Assert.Equal("draft", report.Str("status"));
        Assert.Equal("pending", report.Str("sign_off_status"));
        Assert.Equal(["developer", "tech_lead", "qa_engineer"], report.GetProperty("sign_offs_required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(report.GetProperty("x_phase6_extra").GetProperty("keep").GetBoolean());
        Assert.EndsWith("Z", report.Str("created_at"), StringComparison.Ordinal);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);

        var stale = await SendAsync(http, HttpMethod.Put, $"/reports/{id}", agent, """{"lessons_learned": ["measure first"]}""", ifMatch: "\"7\"");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("HANDOFF_REVISION_CONFLICT", await stale.ErrorCodeAsync());
        var updated = await SendAsync(http, HttpMethod.Put, $"/reports/{id}", agent, """{"lessons_learned": ["measure first"]}""", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var phase6 = await SendAsync(http, HttpMethod.Put, $"/reports/{id}/components/error_handling", agent, """{"status": "completed", "progress_percentage": 100}""");
        Assert.Equal(100, (await phase6.JsonAsync()).GetProperty("overall_phase6_progress").GetDouble());
        var phase7 = await SendAsync(http, HttpMethod.Put, $"/reports/{id}/components/jwt_auth_service", agent, """{"status": "completed", "completion_percentage": 100}""");
        Assert.Equal("jwt_auth_service", (await phase7.JsonAsync()).GetProperty("phase7_components")[0].Str("component_type"));
        var mismatch = await SendAsync(http, HttpMethod.Put, $"/reports/{id}/components/error_handling", agent, """{"component_type": "api_contracts", "status": "completed", "progress_percentage": 100}""");
        Assert.Equal("VALIDATION_FAILED", await mismatch.ErrorCodeAsync());

        var submitted = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/submit", agent, $$"""{"report_id": "{{id}}", "submission_notes": "Ready."}""");
        Assert.Equal("submitted", (await submitted.JsonAsync()).Str("status"));

        var lead = await TokenAsync(http, "tech_lead");
        var noFactor = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/sign-off", lead, $$"""{"report_id": "{{id}}", "sign_off_role": "tech_lead", "status": "approved"}""");
        Assert.Equal(HttpStatusCode.Forbidden, noFactor.StatusCode);
        var envelope = (await noFactor.JsonAsync()).GetProperty("error");
        Assert.Equal("HANDOFF_2FA_REQUIRED", envelope.Str("code"));
        Assert.False(string.IsNullOrEmpty(envelope.Str("request_id")));

        var rejected = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/sign-off", lead,
            $$"""{"report_id": "{{id}}", "sign_off_role": "tech_lead", "status": "rejected", "comments": "Retry storm under load.", "expires_in_days": 10}""");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var afterReject = await rejected.JsonAsync();
        Assert.Equal("rejected", afterReject.Str("sign_off_status"));
        Assert.Equal("under_review", afterReject.Str("status"));
        var signOff = afterReject.GetProperty("sign_offs_received")[0];
        Assert.StartsWith("signoff_", signOff.Str("sign_off_id"), StringComparison.Ordinal);
        Assert.False(signOff.GetProperty("two_factor_authenticated").GetBoolean());

        var badDays = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/sign-off", lead, """{"sign_off_role": "tech_lead", "status": "rejected", "expires_in_days": 400}""");
        Assert.Equal("VALIDATION_FAILED", await badDays.ErrorCodeAsync());

        var review = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/review", lead, """{"review_status": "amendments_required", "review_comments": "Fix the retry storm first.", "amendments_required": ["jitter"]}""");
        Assert.Equal("amendments_required", (await review.JsonAsync()).Str("status"));

        var fetched = await http.GetAsync($"{Base}/reports/{id}", agent);
        var body = await fetched.JsonAsync();
        Assert.Equal("amendments_required", body.Str("status"));
        Assert.Equal("unknown", body.GetProperty("compliance_validation").Str("overall"));
        Assert.True(body.GetProperty("security_metrics").GetProperty("audit_events").GetInt64() >= 8);

        var list = await (await http.GetAsync($"{Base}/reports?pipeline_id=pipe-9&status=amendments_required&page_size=5", agent)).JsonAsync();
        Assert.Equal(1, list.GetProperty("total_count").GetInt32());
        Assert.False(list.GetProperty("has_next").GetBoolean());
        var badQuery = await http.GetAsync($"{Base}/reports?page_size=1000", agent);
        Assert.Equal("VALIDATION_FAILED", await badQuery.ErrorCodeAsync());
    }

    [Fact]
    public async Task SignOff_ApprovalWithATotpCodeInTheBody_IsStoredSignedAndReplayIsRefused()
    {
        using var http = _factory.CreateClient();
        var agent = await TokenAsync(http, "developer");
        var id = (await (await SendAsync(http, HttpMethod.Post, "/reports", agent, $$"""{"pipeline_id": "pipe-t", "task_id": "task-t", "work_summary": "{{Summary}}"}""")).JsonAsync()).Str("report_id");
        await SendAsync(http, HttpMethod.Put, $"/reports/{id}/components/api_contracts", agent, """{"status": "verified", "progress_percentage": 100}""");
        await SendAsync(http, HttpMethod.Post, $"/reports/{id}/submit", agent, "{}");
        var qa = await TokenAsync(http, "qa_engineer");
        var enrolment = await (await http.PostJsonAsync("/api/v1/me/2fa/totp", new { }, qa)).JsonAsync();
        var secret = enrolment.Str("secret");
        Assert.Equal(HttpStatusCode.OK, (await http.PostJsonAsync("/api/v1/me/2fa/totp/confirm", new { code = TwoFactorTestCodes.Totp(secret) }, qa)).StatusCode);
        var code = TwoFactorTestCodes.Totp(secret, 1);
        var body = $$"""{"report_id": "{{id}}", "sign_off_role": "qa_engineer", "status": "approved", "two_factor_code": "{{code}}", "two_factor_method": "totp", "comments": "Tested."}""";

        var signed = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/sign-off", qa, body);
        var replayed = await SendAsync(http, HttpMethod.Post, $"/reports/{id}/sign-off", qa, body);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var report = await signed.JsonAsync();
        var record = report.GetProperty("sign_offs_received")[0];
        Assert.True(record.GetProperty("two_factor_authenticated").GetBoolean());
        Assert.Equal("qa_engineer", record.Str("role"));
        Assert.False(string.IsNullOrEmpty(record.GetProperty("server_signature").Str("value")));
        Assert.DoesNotContain(code, report.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("partially_approved", report.Str("sign_off_status"));
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal("HANDOFF_DUPLICATE_SIGNER", await replayed.ErrorCodeAsync());
    }

    [Fact]
    public async Task OverviewRoutes_AnswerDashboardComponentsStatisticsAndHealth()
    {
        using var http = _factory.CreateClient();
        var agent = await TokenAsync(http, "developer");
        await SendAsync(http, HttpMethod.Post, "/reports", agent, $$"""{"pipeline_id": "pipe-o", "task_id": "task-o", "work_summary": "{{Summary}}"}""");

        var dashboard = await (await http.GetAsync($"{Base}/dashboard", agent)).JsonAsync();
        var components = await (await http.GetAsync($"{Base}/components/status", agent)).JsonAsync();
        var statistics = await (await http.GetAsync($"{Base}/statistics", agent)).JsonAsync();
        var health = await (await http.GetAsync($"{Base}/health", agent)).JsonAsync();

        Assert.True(dashboard.GetProperty("total_reports").GetInt32() >= 1);
        Assert.True(dashboard.GetProperty("by_status").GetProperty("draft").GetInt32() >= 1);
        Assert.Equal(["security_reviewer", "architect", "product_owner"],
            components.GetProperty("phase7_components").GetProperty("compliance_audit").GetProperty("required_roles").EnumerateArray().Select(e => e.GetString()));
        Assert.True(statistics.GetProperty("total_reports").GetInt32() >= 1);
        Assert.Equal("healthy", health.Str("status"));
    }

    [Fact]
    public async Task Routes_WithoutTokenOrPermission_AreRefusedWithTheEnvelope()
    {
        using var http = _factory.CreateClient();
        var anonymous = await http.GetAsync($"{Base}/reports", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var owner = await TokenAsync(http, "product_owner");
        var create = await SendAsync(http, HttpMethod.Post, "/reports", owner, $$"""{"pipeline_id": "p", "task_id": "t", "work_summary": "{{Summary}}"}""");
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("INSUFFICIENT_PERMISSIONS", await create.ErrorCodeAsync());

        var missing = await http.GetAsync($"{Base}/reports/handoff_nope", owner);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NOT_FOUND", await missing.ErrorCodeAsync());

        var agent = await TokenAsync(http, "developer");
        var invalid = await SendAsync(http, HttpMethod.Post, "/reports", agent, """{"pipeline_id": "p", "task_id": "t", "work_summary": "too short", "quality_score": 3}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var error = (await invalid.JsonAsync()).GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.Str("code"));
        var fields = error.GetProperty("details").GetProperty("errors").EnumerateArray().Select(e => e.Str("field")).ToList();
        Assert.Contains("work_summary", fields);
        Assert.Contains("quality_score", fields);
    }

    private async Task<string> TokenAsync(HttpClient http, string role)
    {
        var username = $"{role}-{Guid.NewGuid():N}"[..30];
        var password = await ServerAccounts.CreateUserAsync(_factory, username, [role]);
        return (await ServerAccounts.LoginAsync(http, username, password)).Str("access_token");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string bearer, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, Base + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }
}
