using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;

namespace McpSecurity.Server.Http;

/// <summary>
/// The Phase 6 hand-off routes under <c>/api/v1/agent-handoff</c>, same paths and JSON as Phase 6, behind authentication and
/// the permissions handoff:read, handoff:write and handoff:sign_off. Answers are <c>EnhancedAgentHandoffReport</c>s with live
/// security data; writes take <c>If-Match</c> (the <c>ETag</c> of a read) to refuse lost updates.
/// </summary>
internal static class HandoffEndpoints
{
    public const string Prefix = "/agent-handoff";

    public static RouteGroupBuilder MapHandoffEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var handoff = api.MapGroup(Prefix);
        handoff.MapPost("/reports", CreateAsync).RequirePermission(Permissions.HandoffWrite);
        handoff.MapGet("/reports", ListAsync).RequirePermission(Permissions.HandoffRead);
        handoff.MapGet("/reports/{id}", GetAsync).RequirePermission(Permissions.HandoffRead);
        handoff.MapPut("/reports/{id}", UpdateAsync).RequirePermission(Permissions.HandoffWrite);
        handoff.MapPost("/reports/{id}/submit", SubmitAsync).RequirePermission(Permissions.HandoffWrite);
        handoff.MapPost("/reports/{id}/review", ReviewAsync).RequirePermission(Permissions.HandoffSignOff);
        handoff.MapPost("/reports/{id}/sign-off", SignOffAsync).RequirePermission(Permissions.HandoffSignOff);
        handoff.MapPut("/reports/{id}/components/{component_type}", ComponentAsync).RequirePermission(Permissions.HandoffWrite);
        handoff.MapGet("/dashboard", DashboardAsync).RequirePermission(Permissions.HandoffRead);
        handoff.MapGet("/components/status", ComponentsAsync).RequirePermission(Permissions.HandoffRead);
        handoff.MapGet("/statistics", StatisticsAsync).RequirePermission(Permissions.HandoffRead);
        handoff.MapGet("/health", HealthAsync).RequirePermission(Permissions.HandoffRead);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IHandoffWorkflow workflow, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var entry = await HandoffFace.CreateAsync(workflow, caller, await BodyAsync(context), context.RequestAborted);
        return await ReportAsync(context, builder, entry, caller, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IHandoffWorkflow workflow)
    {
        var query = HandoffReportQuery.Parse(context.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
        HandoffValidation.ThrowIfInvalid(query.Errors);
        var page = await workflow.ListAsync(query.Value!, context.RequestAborted);
        return Results.Json(page, HandoffJsonContext.Default.HandoffReportPage);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, IHandoffWorkflow workflow, IHandoffReportBuilder builder) =>
        await ReportAsync(context, builder, await workflow.GetAsync(id, context.RequestAborted), Caller(context), StatusCodes.Status200OK);

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, IHandoffWorkflow workflow, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var request = HandoffFace.Parse(await BodyAsync(context), HandoffJsonContext.Default.UpdateHandoffReportRequest);
        var entry = await workflow.UpdateAsync(caller.Principal, id, request, ExpectedRevision(context), context.RequestAborted);
        return await ReportAsync(context, builder, entry, caller, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, string id, IHandoffWorkflow workflow, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var request = HandoffFace.Parse(await BodyAsync(context, allowEmpty: true), HandoffJsonContext.Default.SubmitHandoffReportRequest);
        var entry = await workflow.SubmitAsync(caller.Principal, id, request, ExpectedRevision(context), context.RequestAborted);
        return await ReportAsync(context, builder, entry, caller, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, string id, IHandoffWorkflow workflow, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var request = HandoffFace.Parse(await BodyAsync(context), HandoffJsonContext.Default.ReviewHandoffReportRequest);
        var entry = await workflow.ReviewAsync(caller.Principal, id, request, ExpectedRevision(context), context.RequestAborted);
        return await ReportAsync(context, builder, entry, caller, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignOffAsync(HttpContext context, string id, IHandoffSignOffService signOffs, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var request = HandoffFace.Parse(await BodyAsync(context), HandoffSecurityJsonContext.Default.SignOffHandoffReportRequest);
        var result = await signOffs.SignOffAsync(caller, id, request, ExpectedRevision(context), context.RequestAborted);
        return await ReportAsync(context, builder, result.Entry, caller, StatusCodes.Status200OK);
    }

    private static async Task<IResult> ComponentAsync(HttpContext context, string id, string component_type, IHandoffWorkflow workflow, IHandoffReportBuilder builder)
    {
        var caller = Caller(context);
        var entry = await HandoffFace.UpdateComponentAsync(workflow, caller, id, component_type, await BodyAsync(context), ExpectedRevision(context), context.RequestAborted);
        return await ReportAsync(context, builder, entry, caller, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DashboardAsync(HttpContext context, IHandoffWorkflow workflow, TimeProvider time) =>
        Results.Json(HandoffOverview.Dashboard(await HandoffOverview.AllAsync(workflow, context.RequestAborted), time.GetUtcNow()), WireJson.Options);

    private static async Task<IResult> ComponentsAsync(HttpContext context, IHandoffWorkflow workflow, TimeProvider time) =>
        Results.Json(HandoffOverview.Components(await HandoffOverview.AllAsync(workflow, context.RequestAborted), time.GetUtcNow()), WireJson.Options);

    private static async Task<IResult> StatisticsAsync(HttpContext context, IHandoffWorkflow workflow, TimeProvider time) =>
        Results.Json(HandoffOverview.Statistics(await HandoffOverview.AllAsync(workflow, context.RequestAborted), time.GetUtcNow()), WireJson.Options);

    private static async Task<IResult> HealthAsync(HttpContext context, IHandoffWorkflow workflow, TimeProvider time)
    {
        var page = await workflow.ListAsync(new HandoffReportQuery { PageSize = 1 }, context.RequestAborted);
        return Results.Json(new HandoffHealth("healthy", "agent-handoff", page.TotalCount, time.GetUtcNow()), WireJson.Options);
    }

    private static async Task<IResult> ReportAsync(HttpContext context, IHandoffReportBuilder builder, HandoffReportEntry entry, HandoffCaller caller, int status)
    {
        var report = await builder.BuildAsync(entry, caller, context.RequestAborted);
        context.Response.Headers.ETag = entry.ETag;
        return Results.Text(HandoffFace.Serialize(report), "application/json", System.Text.Encoding.UTF8, status);
    }

    private static HandoffCaller Caller(HttpContext context)
    {
        var caller = CallerClaims.ToCaller(context.User)
            ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "This endpoint needs an access token.");
        return HandoffFace.ToHandoffCaller(caller, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
    }

    private static long? ExpectedRevision(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        return HandoffReportEntry.TryParseETag(header, out var revision)
            ? revision
            : throw new SecurityException(SecurityErrorCodes.ValidationFailed, "If-Match must be an ETag of this report (for example \"3\").",
                new Dictionary<string, object?> { ["field"] = "If-Match" });
    }

    private static async Task<string> BodyAsync(HttpContext context, bool allowEmpty = false)
    {
        if (context.Request.ContentLength is 0 or null && allowEmpty && !context.Request.HasJsonContentType())
        {
            return "{}";
        }

        if (!context.Request.HasJsonContentType())
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The request body must be JSON (Content-Type: application/json).");
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        return string.IsNullOrWhiteSpace(text) && allowEmpty ? "{}" : text;
    }
}
