using System.Globalization;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Server.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>GET /api/v1/incidents</c>, <c>GET /api/v1/incidents/{id}</c>, <c>GET /api/v1/blocks</c> (incidents:read);
/// <c>POST /api/v1/incidents/{id}/acknowledge</c>, <c>POST /api/v1/incidents/{id}/resolve</c>, <c>DELETE /api/v1/blocks/{address}</c> (incidents:manage).
/// </summary>
/// <remarks>Services are taken <c>[FromServices]</c>: never inferred as a body.</remarks>
internal static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/incidents", ListAsync).RequirePermission(Permissions.IncidentsRead);
        api.MapGet("/incidents/{id}", GetAsync).RequirePermission(Permissions.IncidentsRead);
        api.MapPost("/incidents/{id}/acknowledge", AcknowledgeAsync).RequirePermission(Permissions.IncidentsManage);
        api.MapPost("/incidents/{id}/resolve", ResolveAsync).RequirePermission(Permissions.IncidentsManage);
        api.MapGet("/blocks", ListBlocksAsync).RequirePermission(Permissions.IncidentsRead);
        api.MapDelete("/blocks/{*address}", UnblockAsync).RequirePermission(Permissions.IncidentsManage);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] IIncidentService incidents)
    {
        var query = context.Request.Query;
        var limitText = query["limit"].ToString();
        var limit = 50;
        if (limitText.Length > 0 && !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ApiErrors.Validation(context, "limit", "must be a whole number between 1 and 200");
        }

        var filter = IncidentFace.Query(Value(query["status"]), Value(query["type"]), Value(query["severity"]), Value(query["since"]), limit, Value(query["cursor"]));
        return Results.Json(await IncidentFace.ListAsync(incidents, filter, context.RequestAborted), WireJson.Options);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, [FromServices] IIncidentService incidents) =>
        Results.Json(await IncidentFace.GetAsync(incidents, id, context.RequestAborted), WireJson.Options);

    private static async Task<IResult> AcknowledgeAsync(HttpContext context, string id, [FromServices] IIncidentService incidents)
    {
        var (note, error) = await ReadNoteAsync(context);
        return error ?? Results.Json(await IncidentFace.AcknowledgeAsync(incidents, id, Subject(context), note, context.RequestAborted), WireJson.Options);
    }

    private static async Task<IResult> ResolveAsync(HttpContext context, string id, [FromServices] IIncidentService incidents)
    {
        var (note, error) = await ReadNoteAsync(context);
        return error ?? Results.Json(await IncidentFace.ResolveAsync(incidents, id, Subject(context), note, context.RequestAborted), WireJson.Options);
    }

    private static async Task<IResult> ListBlocksAsync(HttpContext context, [FromServices] IAddressBlockList blocks, [FromServices] TimeProvider time) =>
        Results.Json(await AddressBlocks.ListAsync(blocks, time, context.RequestAborted), WireJson.Options);

    private static async Task<IResult> UnblockAsync(HttpContext context, string address, [FromServices] IAddressBlockList blocks) =>
        Results.Json(await AddressBlocks.UnblockAsync(blocks, Uri.UnescapeDataString(address), Subject(context), context.RequestAborted), WireJson.Options);

    /// <summary>Reads the optional body <c>{"note"}</c>; no body (or an empty one) is no note.</summary>
    private static async Task<(string? Note, IResult? Error)> ReadNoteAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.HasJsonContentType()))
        {
            return (null, null);
        }

        var (body, error) = await RequestInput.ReadJsonAsync<IncidentNoteRequest>(context);
        return (body?.Note, error);
    }

    private static string Subject(HttpContext context) =>
        CallerClaims.ToCaller(context.User)?.Subject ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");

    private static string? Value(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || value[0] is not { Length: > 0 } text ? null : text;
}
