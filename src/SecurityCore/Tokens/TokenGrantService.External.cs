using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Sign-in of users authenticated elsewhere (an external identity provider such as Clerk).</summary>
internal sealed partial class TokenGrantService
{
    private const int MaxExternalMethods = 8;
    private const int MaxMethodLength = 32;
    private const string SecondFactorMethod = "mfa";

    /// <inheritdoc />
    public async Task<TokenGrantResult> SignInExternalAsync(UserAccount user, IReadOnlyList<string> authenticationMethods, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(authenticationMethods);
        ArgumentNullException.ThrowIfNull(context);
        if (!AreValidMethods(authenticationMethods))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest,
                $"An external sign-in needs 1 to {MaxExternalMethods} authentication methods of a-z, 0-9 and '_'.");
        }

        if (!TryResolveScopes(scope, _options.DefaultScopes, out var scopes))
        {
            return ScopeRefused();
        }

        var methods = authenticationMethods.Distinct(StringComparer.Ordinal).ToArray();
        var grantType = "external:" + methods[0];

        // The account as stored now, not as the caller last saw it: a user disabled a moment ago gets no tokens.
        var current = users.FindById(user.Id);
        if (current is null || current.Status != ActiveStatus)
        {
            await ExternalLoginFailedAsync(current?.Id, grantType, context, cancellationToken);
            return LoginRefused(SecurityErrorCodes.AccountInactive);
        }

        if (current.RequiresSecondFactor && !methods.Contains(SecondFactorMethod, StringComparer.Ordinal))
        {
            var challenge = challenges.Create(current.Id, scopes, methods);
            await events.PublishAsync(Event(SecurityEventTypes.MfaChallengeIssued, SecurityEventOutcomes.Info, current.Id, null, context,
                details: new Dictionary<string, string> { ["method"] = grantType }), cancellationToken);
            return new TokenGrantResult
            {
                Challenge = challenge,
                ErrorCode = SecurityErrorCodes.MfaRequired,
                OAuthError = MfaRequiredError,
                Message = "A second factor is required; answer the challenge to finish the login.",
            };
        }

        var now = timeProvider.GetUtcNow();
        var sessionId = AccessTokenIssuer.NewTokenId();
        var clientId = _options.LoginClientId;
        sessions?.Open(sessionId, current.Id, clientId, methods, context);
        var access = issuer.Issue(new AccessTokenDescriptor
        {
            Subject = current.Id,
            ClientId = clientId,
            Scopes = scopes,
            Roles = current.Roles,
            SessionId = sessionId,
            AuthenticationMethods = methods,
            AuthTime = now,
        });
        var refresh = refreshTokens.IssueFirst(current.Id, clientId, string.Join(' ', scopes), current.Roles, methods, now, sessionId);

        LogExternalLogin(logger, current.Id, sessionId, grantType);
        await events.PublishAsync(Event(SecurityEventTypes.LoginSucceeded, SecurityEventOutcomes.Success, current.Id, clientId, context, target: sessionId,
            details: new Dictionary<string, string> { ["method"] = grantType, ["amr"] = string.Join(' ', methods) }), cancellationToken);
        await TokenIssuedAsync(access, current.Id, clientId, sessionId, grantType, context, cancellationToken);
        return TokenGrantResult.Success(Response(access, refresh, scopes, sessionId));
    }

    private Task ExternalLoginFailedAsync(string? userId, string grantType, TokenRequestContext context, CancellationToken cancellationToken) =>
        events.PublishAsync(Event(SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, userId, null, context, reason: SecurityErrorCodes.AccountInactive,
            details: new Dictionary<string, string> { ["method"] = grantType }), cancellationToken).AsTask();

    private static bool AreValidMethods(IReadOnlyList<string> methods)
    {
        if (methods.Count is 0 or > MaxExternalMethods)
        {
            return false;
        }

        foreach (var method in methods)
        {
            if (string.IsNullOrEmpty(method) || method.Length > MaxMethodLength
                || !method.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "User {UserId} signed in through {Method}; session {SessionId}")]
    private static partial void LogExternalLogin(ILogger logger, string userId, string sessionId, string method);
}
