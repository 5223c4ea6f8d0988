using System.Globalization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// The grants (password, change-password login, client credentials, refresh), RFC 7009 revocation and RFC 7662
/// introspection; both faces call this one service. Events carry subject and client ids, never secrets.
/// </summary>
/// <remarks>Failed password checks are reported as <c>login_failed</c> by <see cref="IUserService"/>, not again here.</remarks>
internal sealed partial class TokenGrantService(
    IUserService users,
    IClientService clients,
    IAccessTokenIssuer issuer,
    IAccessTokenValidator validator,
    ITokenRevocationService revocations,
    RefreshTokenService refreshTokens,
    MfaChallengeStore challenges,
    IOptions<TokenOptions> options,
    TokenEventPublisher events,
    TimeProvider timeProvider,
    ILogger<TokenGrantService> logger,
    ITwoFactorService? twoFactor = null,
    IOptions<TwoFactorOptions>? twoFactorOptions = null,
    IAccountLockout? lockout = null,
    SessionTracker? sessions = null) : ITokenGrantService
{
    private const string ActiveStatus = "active";
    private const string LockedStatus = "locked";
    private const string InvalidGrant = "invalid_grant";
    private const string InvalidClient = "invalid_client";
    private const string InvalidRequest = "invalid_request";
    private const string InvalidScopeError = "invalid_scope";
    private const string MfaRequiredError = "mfa_required";
    private static readonly IReadOnlyList<string> PasswordMethods = ["pwd"];

    private readonly TokenOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<TokenGrantResult> PasswordAsync(string username, string password, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest, "username and password are required.");
        }

        if (!TryResolveScopes(scope, _options.DefaultScopes, out var scopes))
        {
            return ScopeRefused();
        }

        var authentication = await users.AuthenticateAsync(username, password, new LoginOrigin(context.Address, context.RequestId), cancellationToken);
        if (authentication.User is not { } user)
        {
            // The user service records login_failed itself (with the cause); a second event here would double-count.
            var code = authentication.ErrorCode is SecurityErrorCodes.AccountInactive or SecurityErrorCodes.AccountLocked
                ? authentication.ErrorCode
                : SecurityErrorCodes.InvalidCredentials;
            return LoginRefused(code);
        }

        return await CompleteLoginAsync(user, scopes, context, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TokenGrantResult> ChangePasswordAndLoginAsync(string username, string currentPassword, string newPassword, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
        {
            return TokenGrantResult.Failure(SecurityErrorCodes.ValidationFailed, InvalidRequest, "username, current password and new password are required.");
        }

        UserAccount user;
        try
        {
            user = await users.ChangePasswordAsync(username, currentPassword, newPassword, cancellationToken);
        }
        catch (SecurityException ex)
        {
            var oauthError = ex.Code == SecurityErrorCodes.PasswordPolicyViolation || ex.Code == SecurityErrorCodes.ValidationFailed
                ? InvalidRequest
                : InvalidGrant;
            if (ex.Code == SecurityErrorCodes.InvalidCredentials)
            {
                return LoginRefused(ex.Code);
            }

            return TokenGrantResult.Failure(ex.Code, oauthError, ex.Message);
        }

        // A new password ends every session opened with the old one; the login below opens a fresh one.
        sessions?.EndAll(user.Id, SessionEndReasons.PasswordChanged, user.Id, null, context);
        return await CompleteLoginAsync(user with { MustChangePassword = false }, _options.DefaultScopes, context, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TokenGrantResult> ClientCredentialsAsync(string clientId, string clientSecret, string? scope, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ClientAccount? client = null;
        if (!string.IsNullOrEmpty(clientId) && !string.IsNullOrEmpty(clientSecret))
        {
            client = await clients.AuthenticateAsync(clientId, clientSecret, cancellationToken);
        }

        if (client is not { Enabled: true })
        {
            await events.PublishAsync(Event(SecurityEventTypes.ClientAuthenticated, SecurityEventOutcomes.Failure, null, null, context, reason: SecurityErrorCodes.InvalidCredentials), cancellationToken);
            return TokenGrantResult.Failure(SecurityErrorCodes.InvalidCredentials, InvalidClient, "Client authentication failed.");
        }

        await events.PublishAsync(Event(SecurityEventTypes.ClientAuthenticated, SecurityEventOutcomes.Success, client.ClientId, client.ClientId, context), cancellationToken);

        var defaults = new List<string>();
        foreach (var candidate in _options.DefaultScopes)
        {
            if (Contains(client.AllowedScopes, candidate))
            {
                defaults.Add(candidate);
            }
        }

        if (!TryResolveScopes(scope, client.AllowedScopes, out var scopes, defaults))
        {
            return ScopeRefused();
        }

        var now = timeProvider.GetUtcNow();
        var sessionId = AccessTokenIssuer.NewTokenId();
        var access = issuer.Issue(new AccessTokenDescriptor
        {
            Subject = client.ClientId,
            ClientId = client.ClientId,
            Scopes = scopes,
            Roles = client.Roles,
            SessionId = sessionId,
            AuthenticationMethods = [],
            AuthTime = now,
        });

        await TokenIssuedAsync(access, client.ClientId, client.ClientId, sessionId, "client_credentials", context, cancellationToken);
        // RFC 6749 section 4.4.3: no refresh token for client credentials; the client simply authenticates again.
        return TokenGrantResult.Success(Response(access, null, scopes, sessionId));
    }

    /// <inheritdoc />
    public async Task<TokenGrantResult> RefreshAsync(string refreshToken, string? clientId, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lookup = refreshTokens.Find(refreshToken);
        var stored = lookup.Stored;
        switch (lookup.State)
        {
            case RefreshTokenState.Redeemed:
                return await ReuseAsync(stored!, context, cancellationToken);
            case RefreshTokenState.Active:
                break;
            default:
                await RefreshFailedAsync(stored, SecurityErrorCodes.RefreshTokenInvalid, context, lookup.State, cancellationToken);
                return RefreshRefused();
        }

        if (!string.IsNullOrEmpty(clientId) && !string.Equals(clientId, stored!.ClientId, StringComparison.Ordinal))
        {
            await RefreshFailedAsync(stored, SecurityErrorCodes.RefreshTokenInvalid, context, lookup.State, cancellationToken);
            return RefreshRefused();
        }

        // Refresh tokens only come from user logins; roles and status come from the account as it is now.
        var active = stored!;
        if (sessions?.CheckRefresh(active.FamilyId, active.Subject) is { } sessionError)
        {
            await RefreshFailedAsync(active, sessionError, context, lookup.State, cancellationToken);
            return sessionError == SecurityErrorCodes.SessionExpired
                ? TokenGrantResult.Failure(sessionError, InvalidGrant, "The session timed out (idle or absolute timeout); log in again.")
                : RefreshRefused();
        }

        var user = users.FindById(active.Subject);
        // A lockout (status "locked" while it lasts) stops password guessing, not the sessions the account already has.
        if (user is null || user.Status is not (ActiveStatus or LockedStatus) || user.MustChangePassword)
        {
            revocations.RevokeSession(active.FamilyId, "system:account-inactive");
            sessions?.End(active.FamilyId, active.Subject, SessionEndReasons.AccountInactive, null, SecurityEventTypes.SessionEnded, context);
            await RefreshFailedAsync(active, SecurityErrorCodes.AccountInactive, context, lookup.State, cancellationToken);
            return TokenGrantResult.Failure(SecurityErrorCodes.AccountInactive, InvalidGrant, "The account can no longer refresh tokens.");
        }

        var roles = user.Roles;
        if (!refreshTokens.TryRotate(active, roles, out var nextToken, out _))
        {
            // Another redemption of the same token won: one of the two presenters holds a copy, so it is reuse.
            return await ReuseAsync(active, context, cancellationToken);
        }

        var scopes = ScopeParser.TryParse(active.Scope, out var parsed) ? parsed : [];
        var access = issuer.Issue(new AccessTokenDescriptor
        {
            Subject = active.Subject,
            ClientId = active.ClientId ?? _options.LoginClientId,
            Scopes = scopes,
            Roles = roles,
            SessionId = active.FamilyId,
            AuthenticationMethods = active.AuthenticationMethods,
            AuthTime = active.AuthTime,
        });

        await events.PublishAsync(Event(SecurityEventTypes.TokenRefreshed, SecurityEventOutcomes.Success, active.Subject, active.ClientId, context, target: access.TokenId, details: new Dictionary<string, string>
        {
            ["session_id"] = active.FamilyId,
            ["key_id"] = access.KeyId,
        }), cancellationToken);
        return TokenGrantResult.Success(Response(access, nextToken, scopes, active.FamilyId));
    }

    /// <inheritdoc />
    public Task RevokeAsync(string token, string? tokenTypeHint, string? actor, TokenRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // RFC 7009 section 2.2: an unknown or invalid token is not an error; the hint only orders the look-ups,
        // and the refresh token prefix makes it unnecessary.
        if (string.IsNullOrEmpty(token))
        {
            return Task.CompletedTask;
        }

        if (RefreshTokenService.HasPrefix(token))
        {
            if (refreshTokens.Find(token).Stored is { } stored)
            {
                // RFC 7009 section 2.1: revoking a refresh token also invalidates the access tokens of its grant.
                revocations.RevokeSession(stored.FamilyId, actor ?? stored.Subject);
            }

            return Task.CompletedTask;
        }

        var result = validator.Validate(token);
        if (result.Token is { } valid)
        {
            revocations.RevokeAccessToken(valid.TokenId, valid.ExpiresAt, actor ?? valid.Subject);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public TokenIntrospection Introspect(string token)
    {
        if (RefreshTokenService.HasPrefix(token))
        {
            var lookup = refreshTokens.Find(token);
            if (lookup is not { State: RefreshTokenState.Active, Stored: { } stored }
                || (sessions is not null && !sessions.IsActive(lookup.Stored.FamilyId, lookup.Stored.Subject)))
            {
                return new TokenIntrospection(false, null, null, SecurityErrorCodes.RefreshTokenInvalid);
            }

            var scopes = ScopeParser.TryParse(stored.Scope, out var parsed) ? parsed : [];
            return new TokenIntrospection(true, new ValidatedToken
            {
                TokenId = stored.TokenHash[..16],
                KeyId = "",
                Issuer = _options.Issuer,
                Audiences = [_options.Issuer],
                Subject = stored.Subject,
                ClientId = stored.ClientId ?? _options.LoginClientId,
                Scopes = scopes,
                Roles = stored.Roles,
                SessionId = stored.FamilyId,
                AuthenticationMethods = stored.AuthenticationMethods,
                AuthTime = stored.AuthTime,
                IssuedAt = stored.IssuedAt,
                NotBefore = stored.IssuedAt,
                ExpiresAt = stored.ExpiresAt,
            }, "refresh_token", null);
        }

        var result = validator.Validate(token);
        return result.Token is { } valid
            ? new TokenIntrospection(true, valid, "access_token", null)
            : new TokenIntrospection(false, null, null, result.ErrorCode);
    }

    private async Task<TokenGrantResult> CompleteLoginAsync(UserAccount user, IReadOnlyList<string> scopes, TokenRequestContext context, CancellationToken cancellationToken)
    {
        if (user.Status != ActiveStatus)
        {
            await LoginFailedAsync(user.Id, SecurityErrorCodes.AccountInactive, context, cancellationToken);
            return LoginRefused(SecurityErrorCodes.AccountInactive);
        }

        if (user.MustChangePassword)
        {
            await events.PublishAsync(Event(SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Info, user.Id, null, context, reason: SecurityErrorCodes.PasswordChangeRequired), cancellationToken);
            return new TokenGrantResult
            {
                PasswordChangeRequired = true,
                ErrorCode = SecurityErrorCodes.PasswordChangeRequired,
                OAuthError = InvalidGrant,
                Message = "The password must be changed before this account can do anything else.",
            };
        }

        if (await SecondFactorStepAsync(user, scopes, context, cancellationToken) is { } secondFactor)
        {
            return secondFactor;
        }

        return await IssueLoginAsync(user, scopes, PasswordMethods, context, cancellationToken);
    }

    private async Task<TokenGrantResult> IssueLoginAsync(UserAccount user, IReadOnlyList<string> scopes, IReadOnlyList<string> methods, TokenRequestContext context, CancellationToken cancellationToken)
    {
        // The login is complete (password and any second factor): only now do earlier failures stop counting.
        lockout?.ClearFailures(user.Id);
        var now = timeProvider.GetUtcNow();
        var sessionId = AccessTokenIssuer.NewTokenId();
        var clientId = _options.LoginClientId;
        sessions?.Open(sessionId, user.Id, clientId, methods, context);
        var access = issuer.Issue(new AccessTokenDescriptor
        {
            Subject = user.Id,
            ClientId = clientId,
            Scopes = scopes,
            Roles = user.Roles,
            SessionId = sessionId,
            AuthenticationMethods = methods,
            AuthTime = now,
        });
        var scopeText = string.Join(' ', scopes);
        var refresh = refreshTokens.IssueFirst(user.Id, clientId, scopeText, user.Roles, methods, now, sessionId);

        LogLogin(logger, user.Id, sessionId);
        await events.PublishAsync(Event(SecurityEventTypes.LoginSucceeded, SecurityEventOutcomes.Success, user.Id, clientId, context, target: sessionId), cancellationToken);
        await TokenIssuedAsync(access, user.Id, clientId, sessionId, "password", context, cancellationToken);
        return TokenGrantResult.Success(Response(access, refresh, scopes, sessionId));
    }

    private async Task<TokenGrantResult> ReuseAsync(StoredRefreshToken stored, TokenRequestContext context, CancellationToken cancellationToken)
    {
        revocations.RevokeSession(stored.FamilyId, "system:refresh-token-reuse");
        LogReuse(logger, stored.FamilyId, stored.Subject);
        await events.PublishAsync(Event(SecurityEventTypes.RefreshTokenReuse, SecurityEventOutcomes.Failure, stored.Subject, stored.ClientId, context,
            target: stored.FamilyId, reason: SecurityErrorCodes.RefreshTokenReused), cancellationToken);
        return TokenGrantResult.Failure(SecurityErrorCodes.RefreshTokenReused, InvalidGrant,
            "The refresh token was already used; its whole session has been revoked. Log in again.");
    }

    private Task RefreshFailedAsync(StoredRefreshToken? stored, string code, TokenRequestContext context, RefreshTokenState state, CancellationToken cancellationToken) =>
        events.PublishAsync(Event(SecurityEventTypes.TokenRefreshed, SecurityEventOutcomes.Failure, stored?.Subject, stored?.ClientId, context,
            target: stored?.FamilyId, reason: code, details: new Dictionary<string, string> { ["state"] = state.ToString().ToLowerInvariant() }), cancellationToken).AsTask();

    private Task LoginFailedAsync(string? userId, string code, TokenRequestContext context, CancellationToken cancellationToken) =>
        events.PublishAsync(Event(SecurityEventTypes.LoginFailed, SecurityEventOutcomes.Failure, userId, null, context, reason: code), cancellationToken).AsTask();

    private Task TokenIssuedAsync(IssuedAccessToken access, string subject, string clientId, string sessionId, string grantType, TokenRequestContext context, CancellationToken cancellationToken) =>
        events.PublishAsync(Event(SecurityEventTypes.TokenIssued, SecurityEventOutcomes.Success, subject, clientId, context, target: access.TokenId, details: new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["session_id"] = sessionId,
            ["key_id"] = access.KeyId,
            ["expires_at"] = access.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        }), cancellationToken).AsTask();

    private SecurityEvent Event(string type, string outcome, string? subject, string? clientId, TokenRequestContext context,
        string? target = null, string? reason = null, Dictionary<string, string>? details = null) => new()
        {
            Type = type,
            OccurredAt = timeProvider.GetUtcNow(),
            Outcome = outcome,
            SubjectId = subject,
            ClientId = clientId,
            Address = context.Address,
            RequestId = context.RequestId,
            Target = target,
            ReasonCode = reason,
            Details = details ?? new Dictionary<string, string>(),
        };

    private static TokenResponse Response(IssuedAccessToken access, string? refreshToken, IReadOnlyList<string> scopes, string sessionId) =>
        new(access.Token, "Bearer", (int)(access.ExpiresAt - access.IssuedAt).TotalSeconds, refreshToken, string.Join(' ', scopes), sessionId);

    private static TokenGrantResult LoginRefused(string code) => code switch
    {
        SecurityErrorCodes.AccountInactive => TokenGrantResult.Failure(code, InvalidGrant, "The account is locked, suspended or disabled."),
        SecurityErrorCodes.AccountLocked => TokenGrantResult.Failure(code, InvalidGrant,
            "The account is locked after too many failed attempts; try again later or ask an administrator to unlock it."),
        _ => TokenGrantResult.Failure(SecurityErrorCodes.InvalidCredentials, InvalidGrant, "The username or password is wrong."),
    };

    private static TokenGrantResult RefreshRefused() =>
        TokenGrantResult.Failure(SecurityErrorCodes.RefreshTokenInvalid, InvalidGrant, "The refresh token is invalid, expired or revoked.");

    private static TokenGrantResult ScopeRefused() =>
        TokenGrantResult.Failure(SecurityErrorCodes.InvalidScope, InvalidScopeError, "The requested scope is malformed or not allowed.");

    /// <summary>Resolves the requested scopes against the allowed ones; no request means <paramref name="defaults"/> (else all allowed).</summary>
    private static bool TryResolveScopes(string? requested, IReadOnlyList<string> allowed, out IReadOnlyList<string> scopes, IReadOnlyList<string>? defaults = null)
    {
        scopes = [];
        if (string.IsNullOrWhiteSpace(requested))
        {
            scopes = defaults ?? allowed;
            return true;
        }

        if (!ScopeParser.TryParse(requested, out var parsed))
        {
            return false;
        }

        foreach (var scope in parsed)
        {
            if (!Contains(allowed, scope))
            {
                return false;
            }
        }

        scopes = parsed;
        return true;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "User {UserId} logged in; session {SessionId}")]
    private static partial void LogLogin(ILogger logger, string userId, string sessionId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Refresh token reuse in session {SessionId} of {Subject}; the session was revoked")]
    private static partial void LogReuse(ILogger logger, string sessionId, string subject);
}
