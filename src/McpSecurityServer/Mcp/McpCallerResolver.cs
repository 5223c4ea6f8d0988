using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>Finds the principal of an MCP call: the bearer token of the HTTP request, or the stdio session's client.</summary>
internal sealed class McpCallerResolver(IHttpContextAccessor httpContextAccessor, IStdioCallerSource stdioCallers, IPermissionChecker permissions)
{
    /// <summary>Gets the caller, or null when there is none.</summary>
    public ValueTask<Caller?> FindAsync(CancellationToken cancellationToken)
    {
        // Handlers run in the HTTP request's execution context (PerSessionExecutionContext is off), so a call
        // without an HttpContext came over stdio.
        var httpContext = httpContextAccessor.HttpContext;
        return httpContext is not null
            ? ValueTask.FromResult(CallerClaims.ToCaller(httpContext.User))
            : stdioCallers.GetCallerAsync(cancellationToken);
    }

    /// <summary>Gets the caller or throws <see cref="SecurityException"/> with <see cref="SecurityErrorCodes.AuthRequired"/>.</summary>
    public async ValueTask<Caller> RequireAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken)
        ?? throw new SecurityException(SecurityErrorCodes.AuthRequired,
            $"This tool needs an authenticated caller: over HTTP a bearer token, over stdio the {StdioCredentials.ClientIdVariable} and {StdioCredentials.ClientSecretVariable} environment variables. Only issue_token, exchange_clerk_session, and the 2FA tools given a challenge_id, work without one.");

    /// <summary>Gets the caller when it holds <paramref name="permission"/> (from its current roles), otherwise throws <see cref="SecurityException"/>.</summary>
    /// <remarks>A refusal is <see cref="SecurityErrorCodes.InsufficientPermissions"/> naming the permission, recorded as <c>access_denied</c>.</remarks>
    public async ValueTask<Caller> RequirePermissionAsync(string permission, string operation, CancellationToken cancellationToken)
    {
        var caller = await RequireAsync(cancellationToken);
        await permissions.DemandAsync(caller.Subject, permission, operation, RequestContext(), cancellationToken);
        return caller;
    }

    /// <summary>Describes the request behind the call for security events.</summary>
    public SecurityCore.Tokens.TokenRequestContext RequestContext()
    {
        var httpContext = httpContextAccessor.HttpContext;
        return httpContext is null
            ? new SecurityCore.Tokens.TokenRequestContext("stdio") { UserAgent = "stdio" }
            : RequestFacts.For(httpContext);
    }
}
