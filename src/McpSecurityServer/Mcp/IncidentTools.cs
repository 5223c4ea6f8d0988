using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The incident and address-block tools of the MCP face: thin calls into <see cref="IIncidentService"/> and <see cref="IAddressBlockList"/>.</summary>
[McpServerToolType]
internal sealed class IncidentTools(IIncidentService incidents, IAddressBlockList blocks, McpCallerResolver callers, TimeProvider time, ILogger<IncidentTools> logger)
{
    [McpServerTool(Name = "list_incidents", Title = "List security incidents", UseStructuredContent = true, OutputSchemaType = typeof(IncidentListOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.IncidentsRead)]
    [Description("Lists the security incidents the attack detector opened (brute force, credential stuffing, password spraying, refresh-token reuse, " +
        "rate-limit storms, enumeration, signature failures), newest first, with evidence, figures and automated responses. Pass next_cursor as cursor for the next page.")]
    public Task<CallToolResult> ListIncidentsAsync(
        [Description("Only this status: open, acknowledged or resolved."), StringLength(InputLimits.Status)] string? status = null,
        [Description("Only this type, for example brute_force."), StringLength(InputLimits.IncidentFilter)] string? type = null,
        [Description("Only this severity: critical, high, medium or low."), StringLength(InputLimits.Status)] string? severity = null,
        [Description("Only incidents last seen at or after this ISO 8601 time."), StringLength(InputLimits.IncidentFilter)] string? since = null,
        [Description("Page size, 1 to 200 (default 50).")] int limit = 50,
        [Description("The next_cursor of the previous page."), StringLength(InputLimits.Cursor)] string? cursor = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "list_incidents", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            return await IncidentFace.ListAsync(incidents, IncidentFace.Query(status, type, severity, since, limit, cursor), cancellationToken);
        });

    [McpServerTool(Name = "acknowledge_incident", Title = "Acknowledge an incident", UseStructuredContent = true, OutputSchemaType = typeof(IncidentOutput),
        ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.IncidentsManage)]
    [Description("Takes an open incident (acknowledging an acknowledged one again changes nothing); PagerDuty, when configured, hears 'acknowledge'. " +
        "A resolved incident answers INCIDENT_ALREADY_RESOLVED, an unknown id INCIDENT_NOT_FOUND.")]
    public Task<CallToolResult> AcknowledgeIncidentAsync(
        [Description("The incident id (inc_...)."), StringLength(InputLimits.IncidentId)] string incident_id,
        [Description("A note for the record (free text, no secrets)."), StringLength(InputLimits.IncidentNote)] string? note = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "acknowledge_incident", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            return await IncidentFace.AcknowledgeAsync(incidents, incident_id, caller.Subject, note, cancellationToken);
        });

    [McpServerTool(Name = "resolve_incident", Title = "Resolve an incident", UseStructuredContent = true, OutputSchemaType = typeof(IncidentOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.IncidentsManage)]
    [Description("Closes an open or acknowledged incident; PagerDuty, when configured, hears 'resolve'. A new detection of the same pattern opens a new incident. " +
        "Automated responses (address blocks, locks) keep their own expiry: lift a block with unblock_address.")]
    public Task<CallToolResult> ResolveIncidentAsync(
        [Description("The incident id (inc_...)."), StringLength(InputLimits.IncidentId)] string incident_id,
        [Description("How it was handled (free text, no secrets)."), StringLength(InputLimits.IncidentNote)] string? note = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "resolve_incident", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            return await IncidentFace.ResolveAsync(incidents, incident_id, caller.Subject, note, cancellationToken);
        });

    [McpServerTool(Name = "list_address_blocks", Title = "List blocked addresses", UseStructuredContent = true, OutputSchemaType = typeof(AddressBlockListOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.IncidentsRead)]
    [Description("Lists the addresses (IPv6: /64 networks) whose HTTP requests are refused with ADDRESS_BLOCKED, soonest expiry first, with the reason and incident.")]
    public Task<CallToolResult> ListAddressBlocksAsync(CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "list_address_blocks", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            return await AddressBlocks.ListAsync(blocks, time, cancellationToken);
        });

    [McpServerTool(Name = "unblock_address", Title = "Lift an address block", UseStructuredContent = true, OutputSchemaType = typeof(AddressUnblockedOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.IncidentsManage)]
    [Description("Lifts a block before it expires (a false positive), on every instance; audited. Give the address or network as listed, or any address the block " +
        "covers. NOT_FOUND when nothing blocks it; STORAGE_UNAVAILABLE (nothing lifted anywhere) while the shared block list (Redis) cannot be reached.")]
    public Task<CallToolResult> UnblockAddressAsync(
        [Description("The address or network, for example 203.0.113.7 or 2001:db8:1:2::/64."), StringLength(InputLimits.Address)] string address,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "unblock_address", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            return await AddressBlocks.UnblockAsync(blocks, address, caller.Subject, cancellationToken);
        });
}
