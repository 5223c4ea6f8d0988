using System.Text.Json;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// The Clerk bridge: a session token is verified, its user fetched from the Backend API and synchronised, and the
/// active local user returned; a webhook is verified as Svix signs it before its body is even parsed.
/// </summary>
/// <remarks>Every outcome is a security event; none carries the token, the secret key, the signing secret or a signature.</remarks>
internal sealed partial class ClerkBridge(
    ClerkSessionVerifier verifier,
    IClerkBackendClient backend,
    ClerkUserSync sync,
    SvixWebhookVerifier webhooks,
    IOptions<ClerkOptions> options,
    ISecurityEventSink events,
    TimeProvider time,
    ILogger<ClerkBridge> logger) : IClerkBridge
{
    /// <summary>The largest webhook body accepted.</summary>
    public const int MaxWebhookBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions WebhookJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private readonly ClerkOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<ClerkExchangeResult> ExchangeAsync(string clerkSessionJwt, TokenRequestContext? context = null, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return ClerkExchangeResult.Failure(SecurityErrorCodes.ClerkDisabled, "Clerk sign-in is not enabled on this server.");
        }

        var verification = await verifier.VerifyAsync(clerkSessionJwt, cancellationToken).ConfigureAwait(false);
        if (verification.Session is not { } session)
        {
            LogExchangeRefused(logger, verification.ErrorCode!, "-");
            await PublishExchangeAsync(null, null, verification.ErrorCode, "verify", null, context, cancellationToken).ConfigureAwait(false);
            return ClerkExchangeResult.Failure(verification.ErrorCode!, verification.Message!);
        }

        var fetch = await backend.GetUserAsync(session.UserId, cancellationToken).ConfigureAwait(false);
        if (fetch.Profile is not { } profile)
        {
            LogExchangeRefused(logger, fetch.ErrorCode!, session.UserId);
            await PublishExchangeAsync(session, null, fetch.ErrorCode, "profile", null, context, cancellationToken).ConfigureAwait(false);
            return ClerkExchangeResult.Failure(fetch.ErrorCode!, fetch.Message!, session.UserId, session.SessionId);
        }

        var synced = await sync.ApplyProfileAsync(profile, organizationKnown: true, session.OrganizationRole, cancellationToken).ConfigureAwait(false);
        var user = synced.User!;
        if (!string.Equals(user.Status, AccountStatuses.Active, StringComparison.Ordinal) || profile.Banned || profile.Locked)
        {
            var cause = profile.Banned ? "clerk_banned" : profile.Locked ? "clerk_locked" : "status_" + user.Status;
            LogExchangeRefused(logger, SecurityErrorCodes.AccountInactive, session.UserId);
            await PublishExchangeAsync(session, user.Id, SecurityErrorCodes.AccountInactive, cause, null, context, cancellationToken).ConfigureAwait(false);
            return ClerkExchangeResult.Failure(SecurityErrorCodes.AccountInactive, "The account is not active.", session.UserId, session.SessionId);
        }

        List<string> methods = [ClerkExchangeResult.AuthenticationMethod];
        if (session.SecondFactorAgeMinutes is not null)
        {
            methods.Add("mfa");
        }

        await PublishExchangeAsync(session, user.Id, null, synced.Created ? "user_created" : "user_linked", user.Username, context, cancellationToken).ConfigureAwait(false);
        return new ClerkExchangeResult
        {
            User = UserService.ToAccount(user),
            ClerkUserId = session.UserId,
            ClerkSessionId = session.SessionId,
            UserCreated = synced.Created,
            AuthenticationMethods = methods,
            SecondFactorAgeMinutes = session.SecondFactorAgeMinutes,
        };
    }

    /// <inheritdoc />
    public async Task<ClerkWebhookResult> HandleWebhookAsync(string? svixId, string? svixTimestamp, string? svixSignature, ReadOnlyMemory<byte> body,
        TokenRequestContext? context = null, CancellationToken cancellationToken = default)
    {
        var eventId = svixId is { Length: > 0 and <= 256 } id && !id.Any(char.IsControl) ? id : null;
        if (!_options.Enabled)
        {
            return new ClerkWebhookResult { EventId = eventId, ErrorCode = SecurityErrorCodes.ClerkDisabled, Message = "Clerk webhooks are not enabled on this server." };
        }

        if (body.Length > MaxWebhookBodyBytes)
        {
            return await RefuseWebhookAsync(eventId, null, SecurityErrorCodes.ClerkWebhookInvalidPayload, $"The webhook body must be at most {MaxWebhookBodyBytes} bytes.", context, cancellationToken).ConfigureAwait(false);
        }

        var check = webhooks.Verify(svixId, svixTimestamp, svixSignature, body.Span);
        if (!check.Succeeded)
        {
            return await RefuseWebhookAsync(eventId, null, check.ErrorCode!, check.Message!, context, cancellationToken).ConfigureAwait(false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, WebhookJson);
        }
        catch (JsonException)
        {
            return await RefuseWebhookAsync(eventId, null, SecurityErrorCodes.ClerkWebhookInvalidPayload, "The webhook body is not JSON.", context, cancellationToken).ConfigureAwait(false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return await RefuseWebhookAsync(eventId, null, SecurityErrorCodes.ClerkWebhookInvalidPayload, "The webhook body must be a Clerk event with 'type' and 'data'.", context, cancellationToken).ConfigureAwait(false);
            }

            var type = typeElement.GetString()!;
            var eventType = type.Length <= 64 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_') ? type : "unknown";
            switch (type)
            {
                case "user.created" or "user.updated":
                    if (!ClerkUserParser.TryParse(data, out var profile, out var error))
                    {
                        return await RefuseWebhookAsync(eventId, eventType, SecurityErrorCodes.ClerkWebhookInvalidPayload, $"The webhook's user is unreadable: {error}.", context, cancellationToken).ConfigureAwait(false);
                    }

                    var applied = await sync.ApplyProfileAsync(profile, organizationKnown: false, organizationRole: null, cancellationToken).ConfigureAwait(false);
                    var action = applied.Created ? ClerkWebhookAction.Created : applied.Changed ? ClerkWebhookAction.Updated : ClerkWebhookAction.Unchanged;
                    return await AcceptWebhookAsync(eventId, eventType, profile.Id, applied, action, context, cancellationToken).ConfigureAwait(false);

                case "user.deleted":
                    if (data.TryGetProperty("id", out var idElement) is false || idElement.ValueKind != JsonValueKind.String
                        || !ClerkUserParser.IsValidUserId(idElement.GetString()))
                    {
                        return await RefuseWebhookAsync(eventId, eventType, SecurityErrorCodes.ClerkWebhookInvalidPayload, "The webhook's deleted user has no readable 'id'.", context, cancellationToken).ConfigureAwait(false);
                    }

                    var clerkUserId = idElement.GetString()!;
                    var disabled = await sync.DisableAsync(clerkUserId, cancellationToken).ConfigureAwait(false);
                    return await AcceptWebhookAsync(eventId, eventType, clerkUserId, disabled,
                        disabled.User is null ? ClerkWebhookAction.Ignored : ClerkWebhookAction.Disabled, context, cancellationToken).ConfigureAwait(false);

                default:
                    return await AcceptWebhookAsync(eventId, eventType, null, null, ClerkWebhookAction.Ignored, context, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ClerkWebhookResult> AcceptWebhookAsync(string? eventId, string eventType, string? clerkUserId, ClerkSyncResult? sync,
        ClerkWebhookAction action, TokenRequestContext? context, CancellationToken cancellationToken)
    {
        var result = new ClerkWebhookResult
        {
            EventId = eventId,
            EventType = eventType,
            ClerkUserId = clerkUserId,
            UserId = sync?.User?.Id,
            Action = action,
            SessionsMustEnd = sync?.SessionsMustEnd ?? false,
            SessionsRevoked = sync?.SessionsRevoked ?? false,
        };
        LogWebhookHandled(logger, eventType, eventId ?? "-", action, result.UserId ?? "-");
        var details = new Dictionary<string, string> { ["event_type"] = eventType, ["action"] = action.ToString().ToLowerInvariant() };
        if (clerkUserId is not null)
        {
            details["clerk_user_id"] = clerkUserId;
        }

        if (result.SessionsMustEnd)
        {
            details["sessions_must_end"] = "true";
            details["sessions_revoked"] = result.SessionsRevoked ? "true" : "false";
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.ClerkWebhookReceived,
            OccurredAt = time.GetUtcNow(),
            Outcome = action == ClerkWebhookAction.Ignored ? SecurityEventOutcomes.Info : SecurityEventOutcomes.Success,
            SubjectId = result.UserId,
            Target = eventId,
            Address = context?.Address,
            RequestId = context?.RequestId,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<ClerkWebhookResult> RefuseWebhookAsync(string? eventId, string? eventType, string code, string message, TokenRequestContext? context, CancellationToken cancellationToken)
    {
        LogWebhookRefused(logger, code, eventId ?? "-");
        var details = new Dictionary<string, string>();
        if (eventType is not null)
        {
            details["event_type"] = eventType;
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.ClerkWebhookReceived,
            OccurredAt = time.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            Target = eventId,
            ReasonCode = code,
            Address = context?.Address,
            RequestId = context?.RequestId,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
        return new ClerkWebhookResult { EventId = eventId, EventType = eventType, ErrorCode = code, Message = message };
    }

    private async Task PublishExchangeAsync(ClerkSession? session, string? userId, string? reasonCode, string cause, string? username,
        TokenRequestContext? context, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string> { ["cause"] = cause };
        if (session is not null)
        {
            details["clerk_user_id"] = session.UserId;
            details["kid"] = session.KeyId;
            if (session.AuthorizedParty is not null)
            {
                details["azp"] = session.AuthorizedParty;
            }

            if (session.OrganizationId is not null)
            {
                details["org_id"] = session.OrganizationId;
            }

            if (session.ActorId is not null)
            {
                details["actor"] = session.ActorId;
            }
        }

        if (username is not null)
        {
            details["username"] = username;
        }

        await events.PublishAsync(new SecurityEvent
        {
            Type = SecurityEventTypes.ClerkSessionExchanged,
            OccurredAt = time.GetUtcNow(),
            Outcome = reasonCode is null ? SecurityEventOutcomes.Success : SecurityEventOutcomes.Failure,
            SubjectId = userId,
            Target = session?.SessionId,
            ReasonCode = reasonCode,
            Address = context?.Address,
            RequestId = context?.RequestId,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1530, Level = LogLevel.Information, Message = "Clerk session exchange refused: {ErrorCode} (Clerk user {ClerkUserId})")]
    private static partial void LogExchangeRefused(ILogger logger, string errorCode, string clerkUserId);

    [LoggerMessage(EventId = 1531, Level = LogLevel.Information, Message = "Clerk webhook {EventType} {EventId} handled: {Action} (user {UserId})")]
    private static partial void LogWebhookHandled(ILogger logger, string eventType, string eventId, ClerkWebhookAction action, string userId);

    [LoggerMessage(EventId = 1532, Level = LogLevel.Warning, Message = "Clerk webhook {EventId} refused: {ErrorCode}")]
    private static partial void LogWebhookRefused(ILogger logger, string errorCode, string eventId);
}
