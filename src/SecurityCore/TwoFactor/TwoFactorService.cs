using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// The two-factor service over <see cref="ITwoFactorRepository"/>: TOTP in <c>TwoFactorService.Totp.cs</c>, SMS in
/// <c>TwoFactorService.Sms.cs</c>, recovery codes in <c>TwoFactorService.Recovery.cs</c>.
/// </summary>
/// <remarks>
/// Every change reads the user's document, changes it and saves it against the version it read; when another request
/// saved first it starts over from the new document. That is what makes "accept a code, then mark it used" atomic: of
/// two concurrent requests with one code, the second sees the code used.
/// </remarks>
internal sealed partial class TwoFactorService(
    ITwoFactorRepository repository,
    ISecretProtector protector,
    ISmsSender smsSender,
    ISecurityEventSink events,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<TwoFactorService> logger) : ITwoFactorService
{
    /// <summary>The purpose TOTP secrets are encrypted for.</summary>
    internal const string TotpSecretPurpose = "totp-secret";

    /// <summary>The purpose phone numbers are encrypted for.</summary>
    internal const string PhoneNumberPurpose = "sms-phone-number";

    private const int MaxSaveAttempts = 8;
    private const int MaxUserIdLength = 128;

    private TwoFactorOptions Options => options.Value;

    /// <inheritdoc />
    public Task<TwoFactorStatus> GetStatusAsync(string userId, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        var enrollment = repository.Find(userId);
        if (enrollment is null)
        {
            return Task.FromResult(new TwoFactorStatus(userId, false, false, false, false, false, null, 0, []));
        }

        var totp = HasTotp(enrollment);
        var sms = HasSms(enrollment);
        var remaining = RecoveryCodesRemaining(enrollment);
        var enrolled = totp || sms;
        List<string> methods = [];
        if (totp)
        {
            methods.Add(TwoFactorMethods.Totp);
        }

        if (sms)
        {
            methods.Add(TwoFactorMethods.Sms);
        }

        if (enrolled && remaining > 0)
        {
            methods.Add(TwoFactorMethods.RecoveryCode);
        }

        var masked = sms ? PhoneNumbers.Mask(UnprotectText(enrollment.SmsPhoneNumber!, PhoneNumberPurpose)) : null;
        return Task.FromResult(new TwoFactorStatus(userId, enrolled, totp, enrollment.PendingTotp is not null, sms,
            enrollment.PendingSmsPhoneNumber is not null, masked, remaining, methods));
    }

    /// <inheritdoc />
    public Task<bool> IsEnrolledAsync(string userId, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(repository.Find(userId) is { } enrollment && IsEnrolled(enrollment));
    }

    /// <inheritdoc />
    public Task<TwoFactorVerificationResult> VerifyAsync(string userId, string method, string code, LoginOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return method switch
        {
            TwoFactorMethods.Totp => VerifyTotpAsync(userId, code, origin, cancellationToken),
            TwoFactorMethods.Sms => VerifySmsCodeAsync(userId, code, origin, cancellationToken),
            TwoFactorMethods.RecoveryCode => VerifyRecoveryCodeAsync(userId, code, origin, cancellationToken),
            _ => throw new SecurityException(SecurityErrorCodes.ValidationFailed,
                $"method must be one of {string.Join(", ", TwoFactorMethods.All)}.", new Dictionary<string, object?> { ["field"] = "method" }),
        };
    }

    private static bool HasTotp(StoredTwoFactorEnrollment e) => e.Totp is not null && e.TotpConfirmedAt is not null;

    private static bool HasSms(StoredTwoFactorEnrollment e) => e.SmsPhoneNumber is not null && e.SmsConfirmedAt is not null;

    private static bool IsEnrolled(StoredTwoFactorEnrollment e) => HasTotp(e) || HasSms(e);

    private static int RecoveryCodesRemaining(StoredTwoFactorEnrollment e) => e.RecoveryCodes.Count(c => c.UsedAt is null);

    private static void RequireUserId(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxUserIdLength)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"user_id must be 1 to {MaxUserIdLength} characters.",
                new Dictionary<string, object?> { ["field"] = "user_id" });
        }
    }

    private static void RequireCode(string code)
    {
        if (code is null)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, "code is required.", new Dictionary<string, object?> { ["field"] = "code" });
        }
    }

    private static string Reason(CodeCheck? check) => check switch
    {
        null => "not_enrolled",
        CodeCheck.Matched => "matched",
        CodeCheck.Mismatch => "mismatch",
        CodeCheck.Malformed => "malformed",
        CodeCheck.Replay => "replay",
        CodeCheck.Expired => "expired",
        CodeCheck.AttemptsExhausted => "attempts_exhausted",
        _ => "no_code",
    };

    /// <summary>
    /// Reads the user's document (a new one when there is none), lets <paramref name="change"/> change it and saves it
    /// against the version read, starting over when another write came first. Nothing is saved when Save is false.
    /// </summary>
    private T Update<T>(string userId, Func<StoredTwoFactorEnrollment, DateTimeOffset, (T Result, bool Save)> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var enrollment = repository.Find(userId) ?? new StoredTwoFactorEnrollment { UserId = userId, CreatedAt = now };
            var readVersion = enrollment.Version;
            var (result, save) = change(enrollment, now);
            if (!save)
            {
                return result;
            }

            enrollment.UpdatedAt = now;
            if (repository.TrySave(enrollment, readVersion))
            {
                return result;
            }

            LogSaveConflict(logger, userId, attempt);
            if (attempt == MaxSaveAttempts)
            {
                throw new SecurityException(SecurityErrorCodes.Conflict, "The two-factor settings were changed concurrently; try again.");
            }
        }
    }

    /// <summary>
    /// Runs one verification: <paramref name="check"/> returns null when the method is not enrolled (nothing saved),
    /// otherwise the outcome, after marking the code used or counting the attempt on the document. Failures are counted,
    /// a success resets the count; both are reported as events without the code, from <paramref name="origin"/>.
    /// </summary>
    private async Task<TwoFactorVerificationResult> VerifyWithAsync(
        string userId, string method, Func<StoredTwoFactorEnrollment, DateTimeOffset, CodeCheck?> check, LoginOrigin origin, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (outcome, failures, remaining, at) = Update(userId, (e, now) =>
        {
            var outcome = check(e, now);
            if (outcome is null)
            {
                return ((outcome, e.ConsecutiveFailures, RecoveryCodesRemaining(e), now), false);
            }

            if (outcome == CodeCheck.Matched)
            {
                e.ConsecutiveFailures = 0;
            }
            else
            {
                e.ConsecutiveFailures++;
                e.LastFailureAt = now;
            }

            return ((outcome, e.ConsecutiveFailures, RecoveryCodesRemaining(e), now), true);
        });

        if (outcome == CodeCheck.Matched)
        {
            var amr = TwoFactorMethods.ToAmr(method);
            var details = new Dictionary<string, string> { ["method"] = method, ["amr"] = amr };
            if (method == TwoFactorMethods.RecoveryCode)
            {
                details["recovery_codes_remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await PublishAsync(SecurityEventTypes.TwoFactorVerified, userId, at, null, details, cancellationToken, origin).ConfigureAwait(false);
            return new TwoFactorVerificationResult(true, method, amr, null, 0, remaining);
        }

        var errorCode = outcome is null ? SecurityErrorCodes.TwoFactorNotEnrolled : SecurityErrorCodes.TwoFactorInvalidCode;
        await PublishFailureAsync(userId, method, outcome, failures, at, "verify", origin, cancellationToken).ConfigureAwait(false);
        return new TwoFactorVerificationResult(false, method, null, errorCode, failures, remaining);
    }

    private Task PublishFailureAsync(string userId, string method, CodeCheck? outcome, int failures, DateTimeOffset at, string stage, LoginOrigin origin,
        CancellationToken cancellationToken)
    {
        var errorCode = outcome is null ? SecurityErrorCodes.TwoFactorNotEnrolled : SecurityErrorCodes.TwoFactorInvalidCode;
        return PublishAsync(SecurityEventTypes.TwoFactorFailed, userId, at, errorCode, new Dictionary<string, string>
        {
            ["method"] = method,
            ["stage"] = stage,
            ["reason"] = Reason(outcome),
            ["consecutive_failures"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken, origin);
    }

    /// <summary>Publishes an event about the user; <paramref name="origin"/> (else the caller's actor scope) supplies the address and request id.</summary>
    private async Task PublishAsync(string type, string userId, DateTimeOffset at, string? reasonCode, Dictionary<string, string> details, CancellationToken cancellationToken,
        LoginOrigin? origin = null)
    {
        await events.PublishAsync(new SecurityEvent
        {
            Type = type,
            OccurredAt = at,
            Outcome = reasonCode is null ? SecurityEventOutcomes.Success : SecurityEventOutcomes.Failure,
            SubjectId = userId,
            Address = origin?.Address,
            RequestId = origin?.RequestId,
            Target = details.GetValueOrDefault("method"),
            ReasonCode = reasonCode,
            Details = details,
        }, cancellationToken).ConfigureAwait(false);
    }

    private byte[] ProtectText(string value, string purpose)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        try
        {
            return protector.Protect(plaintext, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private string UnprotectText(byte[] value, string purpose)
    {
        var plaintext = protector.Unprotect(value, purpose);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Debug, Message = "Two-factor document of {UserId} changed concurrently (attempt {Attempt}); retrying")]
    private static partial void LogSaveConflict(ILogger logger, string userId, int attempt);
}
