using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.TwoFactor;

internal sealed partial class TwoFactorService
{
    /// <inheritdoc />
    public Task<TwoFactorVerificationResult> VerifyRecoveryCodeAsync(string userId, string code, CancellationToken cancellationToken = default) =>
        VerifyRecoveryCodeAsync(userId, code, LoginOrigin.Unknown, cancellationToken);

    private Task<TwoFactorVerificationResult> VerifyRecoveryCodeAsync(string userId, string code, LoginOrigin origin, CancellationToken cancellationToken)
    {
        RequireUserId(userId);
        RequireCode(code);
        return VerifyWithAsync(userId, TwoFactorMethods.RecoveryCode, (e, now) =>
        {
            if (!IsEnrolled(e))
            {
                return null;
            }

            if (RecoveryCodesRemaining(e) == 0)
            {
                return CodeCheck.NoCode;
            }

            var normalized = OneTimeCodes.NormalizeRecoveryCode(code);
            if (normalized is null)
            {
                return CodeCheck.Malformed;
            }

            // Every unused code is hashed and compared; no early exit tells which position matched.
            StoredRecoveryCode? matched = null;
            foreach (var stored in e.RecoveryCodes)
            {
                if (stored.UsedAt is null && OneTimeCodes.Matches(stored.Salt, stored.Hash, normalized))
                {
                    matched = stored;
                }
            }

            if (matched is null)
            {
                return CodeCheck.Mismatch;
            }

            matched.UsedAt = now;
            return CodeCheck.Matched;
        }, origin, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(string userId, CancellationToken cancellationToken = default)
    {
        RequireUserId(userId);
        cancellationToken.ThrowIfCancellationRequested();
        var (codes, at) = Update(userId, (e, now) => IsEnrolled(e) ? ((IssueRecoveryCodes(e, now), now), true) : ((null, now), false));
        if (codes is null)
        {
            throw new SecurityException(SecurityErrorCodes.TwoFactorNotEnrolled, "Recovery codes need a confirmed second factor (TOTP or SMS) first.");
        }

        await PublishAsync(SecurityEventTypes.RecoveryCodesRegenerated, userId, at, null, new Dictionary<string, string>
        {
            ["method"] = TwoFactorMethods.RecoveryCode,
            ["count"] = codes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return codes;
    }

    /// <summary>Replaces the document's recovery codes with a new set; returns the codes in clear, for showing once.</summary>
    private static string[] IssueRecoveryCodes(StoredTwoFactorEnrollment e, DateTimeOffset now)
    {
        var codes = new string[OneTimeCodes.RecoveryCodeCount];
        var stored = new StoredRecoveryCode[OneTimeCodes.RecoveryCodeCount];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = OneTimeCodes.NewRecoveryCode();
            var salt = OneTimeCodes.NewSalt();
            stored[i] = new StoredRecoveryCode { Salt = salt, Hash = OneTimeCodes.Hash(salt, OneTimeCodes.NormalizeRecoveryCode(codes[i])!) };
        }

        e.RecoveryCodes = stored;
        e.RecoveryCodesIssuedAt = now;
        return codes;
    }
}
