using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Scores a signer (rules on <see cref="ISignerSecurityScorer"/>).</summary>
internal sealed class SignerSecurityScorer(
    IUserService users,
    ITwoFactorService twoFactor,
    IAddressReputationService reputations,
    ISecurityEventWindowReader reader,
    TimeProvider time,
    IAccountLockout? lockout = null) : ISignerSecurityScorer
{
    private static readonly TimeSpan FailureWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan LockoutWindow = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public async Task<SignerSecurityAssessment> AssessAsync(SignerContext signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var now = time.GetUtcNow();
        var address = await reputations.EvaluateAsync(signer.Address, cancellationToken).ConfigureAwait(false);
        var reasons = new List<string>();
        var account = users.FindById(signer.SubjectId);
        if (account is not null && !string.Equals(account.Status, "active", StringComparison.Ordinal))
        {
            reasons.Add(account.Status == "locked" ? "account_locked" : "account_inactive");
            return new SignerSecurityAssessment(signer.SubjectId, 0, reasons, address, now);
        }

        if (account is not null && lockout?.GetLockedUntil(account.Id) is not null)
        {
            reasons.Add("account_locked");
            return new SignerSecurityAssessment(signer.SubjectId, 0, reasons, address, now);
        }

        var penalty = 0.0;
        if (!signer.SecondFactorInCall)
        {
            if (signer.SessionMfa)
            {
                penalty += Deduct(reasons, "mfa_not_in_call", 0.1);
            }
            else if (account is not null && await twoFactor.IsEnrolledAsync(account.Id, cancellationToken).ConfigureAwait(false))
            {
                penalty += Deduct(reasons, "mfa_not_used", 0.2);
            }
            else
            {
                penalty += Deduct(reasons, "mfa_not_enrolled", 0.3);
            }
        }

        var window = await reader.ReadAsync(now - LockoutWindow, now + TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
        var own = window.Events.Where(e => string.Equals(e.SubjectId, signer.SubjectId, StringComparison.Ordinal)).ToList();
        var failures = own.Count(e => e.OccurredAt >= now - FailureWindow && SecurityEventClassifier.IsFailure(e)
            && e.Type is SecurityEventTypes.LoginFailed or SecurityEventTypes.TwoFactorFailed);
        var lockouts = own.Count(e => e.Type == SecurityEventTypes.AccountLocked);
        var reuse = own.Count(e => e.Type == SecurityEventTypes.RefreshTokenReuse);
        if (failures > 0)
        {
            penalty += Deduct(reasons, "recent_failures", Math.Min(0.3, failures * 0.06));
        }

        if (lockouts > 0)
        {
            penalty += Deduct(reasons, "recent_lockouts", Math.Min(0.4, lockouts * 0.2));
        }

        if (reuse > 0)
        {
            penalty += Deduct(reasons, "refresh_token_reuse", 0.3);
        }

        if (address.Score < 1)
        {
            penalty += Deduct(reasons, "address_reputation", 0.5 * (1 - address.Score));
        }

        var score = Math.Round(Math.Clamp(1 - penalty, 0, 1), 3);
        return new SignerSecurityAssessment(signer.SubjectId, score, reasons, address, now);
    }

    private static double Deduct(List<string> reasons, string reason, double amount)
    {
        reasons.Add(reason);
        return amount;
    }
}
