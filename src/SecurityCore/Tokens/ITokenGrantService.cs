using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The ways to get tokens: password, client credentials and refresh; plus RFC 7009 revocation and RFC 7662 introspection.</summary>
/// <remarks>Both faces (MCP tools and HTTP endpoints) call this one service.</remarks>
public interface ITokenGrantService
{
    /// <summary>Authenticates a user by username and password (the login).</summary>
    Task<TokenGrantResult> PasswordAsync(string username, string password, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Completes a login whose password must be changed: checks the current password, sets the new one, issues tokens.</summary>
    Task<TokenGrantResult> ChangePasswordAndLoginAsync(string username, string currentPassword, string newPassword, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Authenticates an agent or service by client id and secret (<c>client_credentials</c>).</summary>
    Task<TokenGrantResult> ClientCredentialsAsync(string clientId, string clientSecret, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Redeems a refresh token (single use) for a new pair in the same family.</summary>
    Task<TokenGrantResult> RefreshAsync(string refreshToken, string? clientId, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Revokes an access or refresh token (RFC 7009); unknown tokens are not an error.</summary>
    Task RevokeAsync(string token, string? tokenTypeHint, string? actor, TokenRequestContext context, CancellationToken cancellationToken = default);
    /// <summary>Introspects a token (RFC 7662); inactive tokens answer <see cref="TokenIntrospection.Active"/> false.</summary>
    TokenIntrospection Introspect(string token);
    /// <summary>
    /// Signs in a user already authenticated by an external identity provider (for example a verified Clerk session): opens a
    /// session (refresh family) as a password login does, with <paramref name="authenticationMethods"/> as <c>amr</c>.
    /// </summary>
    /// <remarks>Inactive users are refused with <see cref="SecurityErrorCodes.AccountInactive"/>; a user who must have a
    /// second factor here and brings no <c>mfa</c> gets a challenge, as after a password.</remarks>
    Task<TokenGrantResult> SignInExternalAsync(UserAccount user, IReadOnlyList<string> authenticationMethods, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default);
}
