using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Scores an address from the security events of the last 24 hours (rules on <see cref="IAddressReputationService"/>).</summary>
internal sealed class AddressReputationService(ISecurityEventWindowReader reader, TimeProvider time, IAddressBlockList? blocks = null) : IAddressReputationService
{
    /// <summary>The name recorded for the local process.</summary>
    public const string LocalAddress = "local";

    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public async Task<AddressReputation> EvaluateAsync(string? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (IsLocal(address))
        {
            return new AddressReputation(LocalAddress, 1, "trusted", ["local_process"], 0, 0, 0, 0, false, now);
        }

        var window = await reader.ReadAsync(now - Window, now + TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
        var from = window.Events.Where(e => string.Equals(e.Address, address, StringComparison.OrdinalIgnoreCase)).ToList();
        var failedLogins = from.Count(e => SecurityEventClassifier.IsFailure(e) && e.Type is SecurityEventTypes.LoginFailed or SecurityEventTypes.TwoFactorFailed);
        var lockouts = from.Count(e => e.Type == SecurityEventTypes.AccountLocked);
        var reuse = from.Count(e => e.Type == SecurityEventTypes.RefreshTokenReuse);
        var forged = from.Count(SecurityEventClassifier.IsForgedToken);
        var denied = from.Count(e => e.Type == SecurityEventTypes.AccessDenied);
        var refused = from.Sum(SecurityEventClassifier.RateLimitRefusals);
        var blocked = blocks?.GetBlock(address) is not null;

        var reasons = new List<string>();
        var penalty = Penalty(reasons, "failed_logins", failedLogins, 0.1, 0.5)
            + Penalty(reasons, "account_lockouts", lockouts, 0.25, 0.5)
            + Penalty(reasons, "refresh_token_reuse", reuse, 0.4, 0.8)
            + Penalty(reasons, "forged_tokens", forged, 0.2, 0.6)
            + Penalty(reasons, "access_denied", denied, 0.02, 0.2)
            + Penalty(reasons, "rate_limit_violations", refused, 0.005, 0.3)
            + (blocked ? Penalty(reasons, "blocked", 1, 0.6, 0.6) : 0);
        var score = Math.Round(Math.Clamp(1 - penalty, 0, 1), 3);
        string level;
        if (from.Count == 0 && !blocked)
        {
            reasons.Add("no_observations");
            level = "neutral";
        }
        else
        {
            level = LevelOf(score);
        }

        return new AddressReputation(address!, score, level, reasons, failedLogins, lockouts, reuse, refused, blocked, now);
    }

    /// <summary>Gets the band of a score.</summary>
    public static string LevelOf(double score) => score switch
    {
        >= 0.8 => "trusted",
        >= 0.5 => "neutral",
        >= 0.2 => "suspicious",
        _ => "malicious",
    };

    /// <summary>Gets whether the address is the local process rather than a network peer.</summary>
    public static bool IsLocal(string? address) =>
        string.IsNullOrEmpty(address) || address is "stdio" or "cli" or LocalAddress;

    private static double Penalty(List<string> reasons, string reason, long count, double each, double max)
    {
        if (count == 0)
        {
            return 0;
        }

        reasons.Add(reason);
        return Math.Min(max, count * each);
    }
}
