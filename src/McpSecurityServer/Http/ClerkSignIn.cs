using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>A Clerk session token to our tokens, the same way for the REST route and the MCP tool.</summary>
internal static class ClerkSignIn
{
    private const string InvalidGrant = "invalid_grant";

    /// <summary>Verifies the Clerk session through the bridge, then signs the mapped local user in with its <c>amr</c>.</summary>
    public static async Task<TokenGrantResult> ExchangeAsync(IClerkBridge bridge, ITokenGrantService grants, string sessionToken, string? scope,
        TokenRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(grants);
        var exchange = await bridge.ExchangeAsync(sessionToken, context, cancellationToken);
        if (!exchange.Succeeded)
        {
            return TokenGrantResult.Failure(exchange.ErrorCode ?? SecurityCore.SecurityErrorCodes.InvalidCredentials, InvalidGrant,
                exchange.Message ?? "The Clerk session token was refused.");
        }

        return await grants.SignInExternalAsync(exchange.User!, exchange.AuthenticationMethods, scope, context, cancellationToken);
    }
}
