using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// The MCP face of the one authorization check: every tool declares what it needs (<see cref="RequiresPermissionAttribute"/>,
/// <see cref="RequiresCallerAttribute"/> or <see cref="AllowsAnonymousCallAttribute"/>); <c>tools/call</c> enforces it
/// before the tool runs and <c>tools/list</c> shows a caller only the tools it may call.
/// </summary>
/// <remarks>A tool that declares nothing is refused and never listed (fail closed). Refusals use the tools' error format.</remarks>
internal static partial class McpToolAuthorization
{
    /// <summary>The <c>tools/list</c> filter: drops the tools the caller may not call.</summary>
    public static McpRequestHandler<ListToolsRequestParams, ListToolsResult> ListTools(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            var services = context.Services ?? context.Server.Services!;
            var caller = await TryFindCallerAsync(services, cancellationToken);
            var checker = services.GetRequiredService<IPermissionChecker>();
            var tools = context.Server.ServerOptions.ToolCollection;
            for (var i = result.Tools.Count - 1; i >= 0; i--)
            {
                var requirement = tools is not null && tools.TryGetPrimitive(result.Tools[i].Name, out var tool)
                    ? CallRequirement.From(tool.Metadata)
                    : new CallRequirement(CallRequirementKind.Undeclared, null);
                if (!MayCall(requirement, caller, checker))
                {
                    result.Tools.RemoveAt(i);
                }
            }

            return result;
        };

    /// <summary>The <c>tools/call</c> filter: checks the tool's declaration before it runs.</summary>
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is not McpServerTool tool)
            {
                // Not one of ours: the SDK answers an unknown tool.
                return await next(context, cancellationToken);
            }

            var requirement = CallRequirement.From(tool.Metadata);
            var name = tool.ProtocolTool.Name;
            var services = context.Services ?? context.Server.Services!;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolAuthorization).FullName!);
            switch (requirement.Kind)
            {
                case CallRequirementKind.Anonymous:
                    var anonymous = await TryFindCallerAsync(services, cancellationToken);
                    return await McpToolRateLimit.CheckAsync(services, name, anonymous, services.GetRequiredService<McpCallerResolver>().RequestContext(), cancellationToken)
                        ?? await next(context, cancellationToken);
                case CallRequirementKind.Undeclared:
                    LogUndeclared(logger, name);
                    return ToolResults.Error(SecurityErrorCodes.InsufficientPermissions, $"The tool {name} declares no permission, so it is refused.");
            }

            var callers = services.GetRequiredService<McpCallerResolver>();
            Caller caller;
            try
            {
                caller = requirement.Kind == CallRequirementKind.Permission
                    ? await callers.RequirePermissionAsync(requirement.Permission!, name, cancellationToken)
                    : await callers.RequireAsync(cancellationToken);
            }
            catch (SecurityException ex)
            {
                LogRefused(logger, name, ex.Code);
                return ToolResults.Error(ex.Code, ex.Message, ex.Details);
            }

            var origin = callers.RequestContext();
            if (await McpToolRateLimit.CheckAsync(services, name, caller, origin, cancellationToken) is { } limited)
            {
                return limited;
            }

            if (SecurityActorScope.Current is not null)
            {
                // Over HTTP the request already carries the caller's scope.
                return await next(context, cancellationToken);
            }

            using (SecurityActorScope.Begin(caller.ToSecurityActor(origin.Address, origin.RequestId)))
            {
                return await next(context, cancellationToken);
            }
        };

    private static bool MayCall(CallRequirement requirement, Caller? caller, IPermissionChecker checker) => requirement.Kind switch
    {
        CallRequirementKind.Anonymous => true,
        CallRequirementKind.Caller => caller is not null,
        CallRequirementKind.Permission => caller is not null && checker.Check(caller.Subject, requirement.Permission!).IsAllowed,
        _ => false,
    };

    private static async ValueTask<Caller?> TryFindCallerAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<McpCallerResolver>().FindAsync(cancellationToken);
        }
        catch (SecurityException)
        {
            // Refused stdio credentials: list what works without a caller.
            return null;
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "MCP tool {Tool} refused before it ran: {Code}")]
    private static partial void LogRefused(ILogger logger, string tool, string code);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "MCP tool {Tool} declares no permission; refused")]
    private static partial void LogUndeclared(ILogger logger, string tool);
}
