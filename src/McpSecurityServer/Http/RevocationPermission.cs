using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>The revocation rule of both faces (<c>revoke_token</c> and <c>POST /oauth/revoke</c>).</summary>
internal static class RevocationPermission
{
    /// <summary>
    /// Own tokens are always revocable; a live token of another subject needs <see cref="Permissions.TokensRevokeAny"/>
    /// (throws <see cref="McpSecurity.SecurityCore.SecurityException"/> naming it). Inactive and unknown tokens need nothing: there is nothing to revoke.
    /// </summary>
    public static async ValueTask DemandAsync(ITokenGrantService grants, IPermissionChecker checker, string actor, string token, string operation,
        TokenRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(checker);
        if (grants.Introspect(token) is { Active: true, Token: { } presented } && !string.Equals(presented.Subject, actor, StringComparison.Ordinal))
        {
            await checker.DemandAsync(actor, Permissions.TokensRevokeAny, operation, context, cancellationToken);
        }
    }
}
