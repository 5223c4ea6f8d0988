using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The token tools of the MCP face: thin calls into <see cref="ITokenGrantService"/>.</summary>
[McpServerToolType]
internal sealed class TokenTools(ITokenGrantService grants, McpCallerResolver callers, TimeProvider time, ILogger<TokenTools> logger)
{
    [McpServerTool(Name = "issue_token", Title = "Issue a token", UseStructuredContent = true, OutputSchemaType = typeof(IssueTokenOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Issues an access token for a user (username + password; also returns a refresh token) or for an agent or service " +
        "(client_id + client_secret, the client_credentials grant). Give exactly one of the two pairs. Works without being signed in. " +
        "An account that needs a second factor answers mfa_required with a challenge_id instead of tokens.")]
    public Task<CallToolResult> IssueTokenAsync(
        [Description("The user's username (with password)."), StringLength(InputLimits.Username)] string? username = null,
        [Description("The user's password (with username)."), StringLength(InputLimits.Password)] string? password = null,
        [Description("The client id of an agent or service (with client_secret)."), StringLength(InputLimits.ClientId)] string? client_id = null,
        [Description("The client secret (with client_id)."), StringLength(InputLimits.ClientSecret)] string? client_secret = null,
        [Description("Requested scopes, space separated; default: the configured default scopes."), StringLength(InputLimits.Scope)] string? scope = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "issue_token", async () =>
        {
            var asUser = !string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password);
            var asClient = !string.IsNullOrEmpty(client_id) || !string.IsNullOrEmpty(client_secret);
            if (asUser == asClient)
            {
                throw new SecurityException(SecurityErrorCodes.ValidationFailed,
                    "Give either 'username' and 'password', or 'client_id' and 'client_secret'.");
            }

            var requested = ToolInput.Optional(scope, nameof(scope), InputLimits.Scope);
            var result = asUser
                ? await grants.PasswordAsync(
                    ToolInput.Require(username, nameof(username), InputLimits.Username),
                    ToolInput.Require(password, nameof(password), InputLimits.Password),
                    requested, callers.RequestContext(), cancellationToken)
                : await grants.ClientCredentialsAsync(
                    ToolInput.Require(client_id, nameof(client_id), InputLimits.ClientId),
                    ToolInput.Require(client_secret, nameof(client_secret), InputLimits.ClientSecret),
                    requested, callers.RequestContext(), cancellationToken);

            if (result.Tokens is { } tokens)
            {
                return IssueTokenOutput.From(tokens);
            }

            if (result.Challenge is { } challenge)
            {
                return IssueTokenOutput.From(challenge, time.GetUtcNow());
            }

            if (result.PasswordChangeRequired)
            {
                throw new SecurityException(SecurityErrorCodes.PasswordChangeRequired,
                    $"The password must be changed before this account can do anything else: POST {ServerEndpoints.ChangePasswordPath} with username, current_password and new_password.");
            }

            throw Refusal(result);
        });

    [McpServerTool(Name = "refresh_token", Title = "Refresh a token", UseStructuredContent = true, OutputSchemaType = typeof(TokenOutput),
        ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Redeems a refresh token (single use) for a new access token and refresh token in the same session. " +
        "Presenting a refresh token a second time revokes the whole session.")]
    public Task<CallToolResult> RefreshTokenAsync(
        [Description("The refresh token to redeem."), StringLength(InputLimits.Token)] string refresh_token,
        [Description("The client id the refresh token was issued to, when known."), StringLength(InputLimits.ClientId)] string? client_id = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "refresh_token", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            var result = await grants.RefreshAsync(
                ToolInput.Require(refresh_token, nameof(refresh_token), InputLimits.Token),
                ToolInput.Optional(client_id, nameof(client_id), InputLimits.ClientId),
                callers.RequestContext(),
                cancellationToken);
            return result.Tokens is { } tokens ? TokenOutput.From(tokens) : throw Refusal(result);
        });

    [McpServerTool(Name = "validate_token", Title = "Validate a token", UseStructuredContent = true, OutputSchemaType = typeof(ValidateTokenOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Validates an access token (signature, algorithm, issuer, audience, lifetime, revocation) or looks up a refresh token, " +
        "and answers like RFC 7662 introspection: active with the claims, or active=false with the error code.")]
    public Task<CallToolResult> ValidateTokenAsync(
        [Description("The access token or refresh token to check."), StringLength(InputLimits.Token)] string token,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "validate_token", async () =>
        {
            _ = await callers.RequireAsync(cancellationToken);
            return ValidateTokenOutput.From(grants.Introspect(ToolInput.Require(token, nameof(token), InputLimits.Token)));
        });

    [McpServerTool(Name = "revoke_token", Title = "Revoke a token", UseStructuredContent = true, OutputSchemaType = typeof(RevokeTokenOutput),
        ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Revokes an access token or a refresh token (RFC 7009); revoking a refresh token ends its whole session. " +
        "Unknown or already invalid tokens are not an error.")]
    public Task<CallToolResult> RevokeTokenAsync(
        [Description("The access token or refresh token to revoke."), StringLength(InputLimits.Token)] string token,
        [Description("access_token or refresh_token, when known."), StringLength(InputLimits.TokenTypeHint)] string? token_type_hint = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "revoke_token", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            await grants.RevokeAsync(
                ToolInput.Require(token, nameof(token), InputLimits.Token),
                ToolInput.Optional(token_type_hint, nameof(token_type_hint), InputLimits.TokenTypeHint),
                caller.Subject,
                callers.RequestContext(),
                cancellationToken);
            return new RevokeTokenOutput(true);
        });

    private static SecurityException Refusal(TokenGrantResult result) =>
        new(result.ErrorCode ?? SecurityErrorCodes.InvalidCredentials, result.Message ?? "The request was refused.");
}
