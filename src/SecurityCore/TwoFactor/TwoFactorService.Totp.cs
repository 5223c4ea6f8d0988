using System.Security.Cryptography;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using OtpNet;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.TwoFactor;

internal sealed partial class TwoFactorService
{
    private const int TotpSecretBytes = 20;
    private const int MaxAccountLength = 128;

    /// <inheritdoc />
    public Task<TotpEnrollment> BeginTotpEnrollmentAsync(string userId, string username, CancellationToken cancellationToken = default) =>
        BeginTotpEnrollmentAsync(userId, username, RandomNumberGenerator.GetBytes(TotpSecretBytes), TotpParameters.Default, cancellationToken);

    /// <summary>Starts a TOTP enrolment with a given secret and parameters (the RFC 6238 test vectors need SHA256, SHA512 and 8 digits).</summary>
    internal async Task<TotpEnrollment> BeginTotpEnrollmentAsync(string userId, string username, byte[] secret, TotpParameters parameters, CancellationToken cancellationToken)
    {
        RequireUserId(userId);
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(username) || username.Length > MaxAccountLength || username.Any(char.IsControl))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"username must be 1 to {MaxAccountLength} characters without control characters.",
                new Dictionary<string, object?> { ["field"] = "username" });
        }

        cancellationToken.ThrowIfCancellationRequested();
        var account = username.Trim();
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        var uri = TotpUri.Build(Options.Issuer, account, base32, parameters);
        var (png, svg) = QrCodeRenderer.Render(uri);
        var stored = new StoredTotpSecret
        {
            EncryptedSecret = protector.Protect(secret, TotpSecretPurpose),
            Algorithm = parameters.AlgorithmName,
            Digits = parameters.Digits,
            Period = parameters.Period,
        };

        var at = Update(userId, (e, now) =>
        {
            stored.CreatedAt = now;
            e.PendingTotp = stored;
            return (now, true);
        });

        await PublishAsync(SecurityEventTypes.TwoFactorEnrollmentStarted, userId, at, null,
            new Dictionary<string, string> { ["method"] = TwoFactorMethods.Totp }, cancellationToken).ConfigureAwait(false);
        return new TotpEnrollment(base32, uri, png, svg, Options.Issuer, account);
    }

    /// <inheritdoc />
    public async Task<TwoFactorEnrollmentResult> ConfirmTotpEnrollmentAsync(string userId, string code, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        RequireCode(code);
        cancellationToken.ThrowIfCancellationRequested();
        var (outcome, failures, recoveryCodes, at) = Update(userId, (e, now) =>
        {
            if (e.PendingTotp is not { } pending)
            {
                return ((default(CodeCheck?), 0, default(IReadOnlyList<string>), now), false);
            }

            var match = MatchTotp(pending, now, code, lastUsedStep: null);
            if (match.Outcome != CodeCheck.Matched)
            {
                e.ConsecutiveFailures++;
                e.LastFailureAt = now;
                return ((match.Outcome, e.ConsecutiveFailures, null, now), true);
            }

            var firstFactor = !IsEnrolled(e) || e.RecoveryCodes.Length == 0;
            e.Totp = pending;
            e.PendingTotp = null;
            e.TotpConfirmedAt = now;
            // The confirming code must not also open a login.
            e.TotpLastUsedStep = match.Step;
            e.ConsecutiveFailures = 0;
            var issued = firstFactor ? IssueRecoveryCodes(e, now) : null;
            return ((match.Outcome, 0, issued, now), true);
        });

        if (outcome is null)
        {
            throw new SecurityException(SecurityErrorCodes.TwoFactorNotEnrolled, "No TOTP enrolment is pending; start one first.");
        }

        if (outcome != CodeCheck.Matched)
        {
            await PublishFailureAsync(userId, TwoFactorMethods.Totp, outcome, failures, at, "enrollment", LoginOrigin.Unknown, cancellationToken).ConfigureAwait(false);
            throw InvalidCode();
        }

        await PublishEnrolledAsync(userId, TwoFactorMethods.Totp, recoveryCodes, at, cancellationToken).ConfigureAwait(false);
        return new TwoFactorEnrollmentResult(TwoFactorMethods.Totp, recoveryCodes);
    }

    /// <inheritdoc />
    public Task<TwoFactorVerificationResult> VerifyTotpAsync(string userId, string code, CancellationToken cancellationToken = default) =>
        VerifyTotpAsync(userId, code, LoginOrigin.Unknown, cancellationToken);

    private Task<TwoFactorVerificationResult> VerifyTotpAsync(string userId, string code, LoginOrigin origin, CancellationToken cancellationToken)
    {
        RequireUserId(userId);
        RequireCode(code);
        return VerifyWithAsync(userId, TwoFactorMethods.Totp, (e, now) =>
        {
            if (!HasTotp(e))
            {
                return null;
            }

            var match = MatchTotp(e.Totp!, now, code, e.TotpLastUsedStep);
            if (match.Outcome == CodeCheck.Matched)
            {
                e.TotpLastUsedStep = match.Step;
            }

            return match.Outcome;
        }, origin, cancellationToken);
    }

    private static SecurityException InvalidCode() =>
        new(SecurityErrorCodes.TwoFactorInvalidCode, "The code is not valid.", new Dictionary<string, object?> { ["field"] = "code" });

    private TotpMatch MatchTotp(StoredTotpSecret stored, DateTimeOffset now, string code, long? lastUsedStep)
    {
        var parameters = new TotpParameters(TotpParameters.ParseAlgorithm(stored.Algorithm), stored.Digits, stored.Period);
        var secret = protector.Unprotect(stored.EncryptedSecret, TotpSecretPurpose);
        try
        {
            return TotpCalculator.Verify(secret, parameters, now, Options.TotpWindow, code, lastUsedStep);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private Task PublishEnrolledAsync(string userId, string method, IReadOnlyList<string>? recoveryCodes, DateTimeOffset at, CancellationToken cancellationToken) =>
        PublishAsync(SecurityEventTypes.TwoFactorEnrolled, userId, at, null, new Dictionary<string, string>
        {
            ["method"] = method,
            ["recovery_codes_issued"] = recoveryCodes is null ? "false" : "true",
        }, cancellationToken);
}
