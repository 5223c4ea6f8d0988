using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;

namespace McpSecurity.Server.Http;

/// <summary>What the hand-off REST routes and MCP tools share: reading Phase 6 JSON and calling the one service for each operation.</summary>
internal static class HandoffFace
{
    /// <summary>The fields that mark a whole report document (imported) rather than a Phase 6 create body.</summary>
    private static readonly string[] DocumentFields = ["report_id", "agent_id", "phase6_components", "sign_offs_received", "created_at"];

    /// <summary>Makes the hand-off caller of an authenticated caller.</summary>
    public static HandoffCaller ToHandoffCaller(Caller caller, string? address, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new HandoffCaller(ActingPrincipal.Subject(caller.Subject, address, requestId))
        {
            ClientId = caller.ClientId,
            SessionId = caller.SessionId,
            TokenRoles = caller.Roles,
            AuthenticationMethods = caller.AuthenticationMethods,
            AuthenticatedAt = caller.AuthenticatedAt,
            ExpiresAt = caller.ExpiresAt,
        };
    }

    /// <summary>Reads a Phase 6 JSON body; bad fields are one <c>VALIDATION_FAILED</c> naming each.</summary>
    public static T Parse<T>(string json, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var result = HandoffJson.Read(json, typeInfo);
        HandoffValidation.ThrowIfInvalid(result.Errors);
        return result.Value ?? throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The request body is empty.");
    }

    /// <summary>Creates a report from a Phase 6 create body, or imports a whole report document (a Phase 6 JSON file).</summary>
    public static Task<HandoffReportEntry> CreateAsync(IHandoffWorkflow workflow, HandoffCaller caller, string json, CancellationToken cancellationToken)
    {
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The body must be a JSON object: a Phase 6 create body or a whole report.");
        }

        if (DocumentFields.Any(body.ContainsKey))
        {
            var document = HandoffJson.ReadEnhancedReport(json);
            HandoffValidation.ThrowIfInvalid(document.Errors);
            return workflow.ImportAsync(caller.Principal, document.Value!, cancellationToken);
        }

        return workflow.CreateAsync(caller.Principal, Parse(json, HandoffJsonContext.Default.CreateHandoffReportRequest), cancellationToken);
    }

    /// <summary>Sets a Phase 6 or a Phase 7 component's progress, by its type's name; the body's <c>component_type</c> must agree with it.</summary>
    public static Task<HandoffReportEntry> UpdateComponentAsync(IHandoffWorkflow workflow, HandoffCaller caller, string reportId, string componentType, string json,
        long? expectedRevision, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject ?? throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "The body is not valid JSON.");
        }

        if (body["component_type"] is JsonValue given && given.TryGetValue<string>(out var named) && !string.Equals(named, componentType, StringComparison.Ordinal))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"The field 'component_type' ('{named}') must equal the one in the path ('{componentType}').",
                new Dictionary<string, object?> { ["field"] = "component_type" });
        }

        body["component_type"] = componentType;
        var text = body.ToJsonString();
        if (HandoffEnumNames.Of(typeof(ComponentType)).Contains(componentType))
        {
            return workflow.UpdatePhase6ComponentAsync(caller.Principal, reportId, Parse(text, HandoffJsonContext.Default.UpdatePhase6ComponentRequest), expectedRevision, cancellationToken);
        }

        if (HandoffEnumNames.Of(typeof(Phase7ComponentType)).Contains(componentType))
        {
            return workflow.UpdatePhase7ComponentAsync(caller.Principal, reportId, Parse(text, HandoffJsonContext.Default.UpdatePhase7ComponentRequest), expectedRevision, cancellationToken);
        }

        throw new SecurityException(SecurityErrorCodes.ValidationFailed,
            $"'{componentType}' is not a component type (Phase 6: {string.Join(", ", HandoffEnumNames.Of(typeof(ComponentType)))}; Phase 7: {string.Join(", ", HandoffEnumNames.Of(typeof(Phase7ComponentType)))}).",
            new Dictionary<string, object?> { ["field"] = "component_type" });
    }

    /// <summary>Gets the JSON of a built report.</summary>
    public static string Serialize(EnhancedAgentHandoffReport report) => HandoffJson.Serialize(report);
}
