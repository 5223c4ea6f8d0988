using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The Clerk tool of the MCP face: a Clerk session token for our tokens, through <see cref="IClerkBridge"/>.</summary>
[McpServerToolType]
internal sealed class ClerkTools(IClerkBridge bridge, ITokenGrantService grants, McpCallerResolver callers, TimeProvider time, ILogger<ClerkTools> logger)
{
    [McpServerTool(Name = "exchange_clerk_session", Title = "Exchange a Clerk session", UseStructuredContent = true, OutputSchemaType = typeof(IssueTokenOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true)]
    [AllowsAnonymousCall]
    [Description("Exchanges a Clerk session token (the short-lived JWT from Clerk's getToken()) for this server's access token and refresh token " +
        "for the linked local user, created or updated from Clerk on first use; amr records clerk_session (and mfa when Clerk verified a second factor). " +
        "Works without being signed in. Refused with CLERK_DISABLED when the Clerk bridge is off.")]
    public Task<CallToolResult> ExchangeClerkSessionAsync(
        [Description("The Clerk session token (a JWT signed by the Clerk instance)."), StringLength(InputLimits.ClerkSessionToken)] string session_token,
        [Description("Requested scopes, space separated; default: the configured default scopes."), StringLength(InputLimits.Scope)] string? scope = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "exchange_clerk_session", async () =>
        {
            // Like issue_token, this tool is how a caller without a principal gets one: no RequireAsync here.
            var result = await ClerkSignIn.ExchangeAsync(
                bridge,
                grants,
                ToolInput.Require(session_token, nameof(session_token), InputLimits.ClerkSessionToken),
                ToolInput.Optional(scope, nameof(scope), InputLimits.Scope),
                callers.RequestContext(),
                cancellationToken);
            if (result.Tokens is { } tokens)
            {
                return IssueTokenOutput.From(tokens);
            }

            if (result.Challenge is { } challenge)
            {
                return IssueTokenOutput.From(challenge, time.GetUtcNow());
            }

            throw new SecurityException(result.ErrorCode ?? SecurityErrorCodes.InvalidCredentials, result.Message ?? "The Clerk session token was refused.");
        });
}
