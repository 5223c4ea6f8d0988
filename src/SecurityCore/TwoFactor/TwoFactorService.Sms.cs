using System.Globalization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.TwoFactor;

internal sealed partial class TwoFactorService
{
    private const string EnrollmentPurpose = "enrollment";
    private const string LoginPurpose = "login";

    /// <inheritdoc />
    public Task<SmsCodeDispatch> BeginSmsEnrollmentAsync(string userId, string phoneNumber, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        var normalized = phoneNumber is null ? null : PhoneNumbers.Normalize(phoneNumber);
        if (normalized is null)
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"phone_number must be {PhoneNumbers.Rule}.",
                new Dictionary<string, object?> { ["field"] = "phone_number" });
        }

        return SendCodeAsync(userId, EnrollmentPurpose, normalized, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TwoFactorEnrollmentResult> ConfirmSmsEnrollmentAsync(string userId, string code, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        RequireCode(code);
        cancellationToken.ThrowIfCancellationRequested();
        var (outcome, failures, recoveryCodes, at) = Update(userId, (e, now) =>
        {
            var outcome = CheckSmsCode(e, now, code, EnrollmentPurpose);
            if (outcome is null)
            {
                return ((outcome, 0, default(IReadOnlyList<string>), now), false);
            }

            if (outcome != CodeCheck.Matched)
            {
                e.ConsecutiveFailures++;
                e.LastFailureAt = now;
                return ((outcome, e.ConsecutiveFailures, null, now), true);
            }

            var firstFactor = !IsEnrolled(e) || e.RecoveryCodes.Length == 0;
            e.SmsPhoneNumber = e.PendingSmsPhoneNumber;
            e.PendingSmsPhoneNumber = null;
            e.SmsConfirmedAt = now;
            e.ConsecutiveFailures = 0;
            var issued = firstFactor ? IssueRecoveryCodes(e, now) : null;
            return ((outcome, 0, issued, now), true);
        });

        if (outcome is null)
        {
            throw new SecurityException(SecurityErrorCodes.TwoFactorNotEnrolled, "No phone number is waiting for confirmation; start an SMS enrolment first.");
        }

        if (outcome != CodeCheck.Matched)
        {
            await PublishFailureAsync(userId, TwoFactorMethods.Sms, outcome, failures, at, "enrollment", LoginOrigin.Unknown, cancellationToken).ConfigureAwait(false);
            throw InvalidCode();
        }

        await PublishEnrolledAsync(userId, TwoFactorMethods.Sms, recoveryCodes, at, cancellationToken).ConfigureAwait(false);
        return new TwoFactorEnrollmentResult(TwoFactorMethods.Sms, recoveryCodes);
    }

    /// <inheritdoc />
    public Task<SmsCodeDispatch> SendSmsLoginCodeAsync(string userId, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        return SendCodeAsync(userId, LoginPurpose, newPhoneNumber: null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TwoFactorVerificationResult> VerifySmsCodeAsync(string userId, string code, CancellationToken cancellationToken = default) =>
        VerifySmsCodeAsync(userId, code, LoginOrigin.Unknown, cancellationToken);

    private Task<TwoFactorVerificationResult> VerifySmsCodeAsync(string userId, string code, LoginOrigin origin, CancellationToken cancellationToken)
    {
        RequireUserId(userId);
        RequireCode(code);
        return VerifyWithAsync(userId, TwoFactorMethods.Sms, (e, now) => CheckSmsCode(e, now, code, LoginPurpose), origin, cancellationToken);
    }

    /// <summary>
    /// Checks an SMS code of <paramref name="purpose"/> and changes the document: a right code is used up, a lapsed one
    /// dropped, a wrong one counted and the code voided at the configured number of attempts. Null when there is nothing
    /// to check against (SMS not enrolled, or no phone number pending).
    /// </summary>
    private CodeCheck? CheckSmsCode(StoredTwoFactorEnrollment e, DateTimeOffset now, string code, string purpose)
    {
        var available = purpose == LoginPurpose ? HasSms(e) : e.PendingSmsPhoneNumber is not null;
        if (!available)
        {
            return null;
        }

        if (e.SmsCode is not { } outstanding || outstanding.Purpose != purpose)
        {
            return CodeCheck.NoCode;
        }

        if (now >= outstanding.ExpiresAt)
        {
            e.SmsCode = null;
            return CodeCheck.Expired;
        }

        var normalized = TotpCalculator.NormalizeCode(code, OneTimeCodes.SmsCodeDigits);
        if (normalized is not null && OneTimeCodes.Matches(outstanding.Salt, outstanding.Hash, normalized))
        {
            e.SmsCode = null;
            return CodeCheck.Matched;
        }

        outstanding.FailedAttempts++;
        if (outstanding.FailedAttempts >= Options.Sms.MaxAttempts)
        {
            e.SmsCode = null;
            return CodeCheck.AttemptsExhausted;
        }

        return normalized is null ? CodeCheck.Malformed : CodeCheck.Mismatch;
    }

    private async Task<SmsCodeDispatch> SendCodeAsync(string userId, string purpose, string? newPhoneNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sms = Options.Sms;
        var code = OneTimeCodes.NewSmsCode();
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash(salt, code);
        var (phoneNumber, expiresAt, at) = Update(userId, (e, now) =>
        {
            string target;
            if (newPhoneNumber is not null)
            {
                target = newPhoneNumber;
            }
            else if (HasSms(e))
            {
                target = UnprotectText(e.SmsPhoneNumber!, PhoneNumberPurpose);
            }
            else
            {
                throw new SecurityException(SecurityErrorCodes.TwoFactorNotEnrolled, "No phone number is enrolled for SMS codes.");
            }

            if (e.SmsCode is { } previous && sms.ResendInterval > TimeSpan.Zero && now < previous.CreatedAt + sms.ResendInterval)
            {
                var wait = (int)Math.Ceiling((previous.CreatedAt + sms.ResendInterval - now).TotalSeconds);
                throw new SecurityException(SecurityErrorCodes.SmsResendTooSoon, $"A code was sent moments ago; another may be sent in {wait} seconds.",
                    new Dictionary<string, object?> { ["retry_after_seconds"] = wait });
            }

            if (newPhoneNumber is not null)
            {
                e.PendingSmsPhoneNumber = ProtectText(newPhoneNumber, PhoneNumberPurpose);
            }

            e.SmsCode = new StoredSmsCode { Purpose = purpose, Hash = hash, Salt = salt, CreatedAt = now, ExpiresAt = now + sms.CodeLifetime };
            return ((target, now + sms.CodeLifetime, now), true);
        });

        SmsDeliveryResult delivery;
        try
        {
            delivery = await smsSender.SendAsync(new SmsMessage(phoneNumber, MessageBody(code, purpose, sms.CodeLifetime)), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The code never arrived: drop it so that neither it nor the resend interval stands in the way of a retry.
            WithdrawCode(userId, salt);
            throw;
        }

        var masked = PhoneNumbers.Mask(phoneNumber);
        LogSmsCodeSent(logger, userId, purpose, delivery.Provider, delivery.MessageId);
        await PublishAsync(SecurityEventTypes.TwoFactorSmsSent, userId, at, null, new Dictionary<string, string>
        {
            ["method"] = TwoFactorMethods.Sms,
            ["purpose"] = purpose,
            ["provider"] = delivery.Provider,
            ["phone_number"] = masked,
            ["message_id"] = delivery.MessageId ?? "",
        }, cancellationToken).ConfigureAwait(false);
        return new SmsCodeDispatch(masked, expiresAt, delivery.Provider);
    }

    private void WithdrawCode(string userId, byte[] salt)
    {
        Update(userId, (e, _) =>
        {
            var ours = e.SmsCode is { } outstanding && outstanding.Salt.AsSpan().SequenceEqual(salt);
            if (ours)
            {
                e.SmsCode = null;
            }

            return (ours, ours);
        });
    }

    private string MessageBody(string code, string purpose, TimeSpan lifetime)
    {
        var life = lifetime.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)lifetime.TotalMinutes} minute{(lifetime.TotalMinutes == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)lifetime.TotalSeconds} seconds");
        var what = purpose == EnrollmentPurpose ? "code to confirm this phone number" : "sign-in code";
        return $"{Options.Issuer}: your {what} is {code}. It expires in {life}. Never share it.";
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "SMS {Purpose} code for {UserId} handed to {Provider} (message {MessageId})")]
    private static partial void LogSmsCodeSent(ILogger logger, string userId, string purpose, string provider, string? messageId);
}
