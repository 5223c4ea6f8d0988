using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Incidents;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>
/// Runs the configured responses of a detection: blocks the addresses involved (never an allow-listed one), locks the
/// account (the identity service's lockout, with its expiry) and revokes the subject's sessions. Each outcome is recorded
/// on the incident; a failing response is logged and recorded as <c>failed</c>, the others still run.
/// </summary>
internal sealed partial class AutomatedResponder(
    IAddressBlockList blocks,
    AddressAllowList allowList,
    TimeProvider time,
    ILogger<AutomatedResponder> logger,
    AccountLockout? lockout = null,
    ISessionService? sessions = null)
{
    /// <summary>The actor recorded for automated responses.</summary>
    public const string ActorId = "system:attack-detection";

    /// <summary>The most addresses one detection blocks.</summary>
    public const int MaxAddresses = 20;

    /// <summary>Runs the responses of <paramref name="pattern"/> for <paramref name="incident"/>.</summary>
    public async Task<IReadOnlyList<IncidentResponse>> RespondAsync(Incident incident, IncidentDetection detection, DetectionPatternOptions pattern, CancellationToken cancellationToken)
    {
        var results = new List<IncidentResponse>();
        foreach (var kind in DetectionOptions.ResponsesOf(detection.Type, pattern))
        {
            switch (kind)
            {
                case IncidentResponseKinds.BlockAddress:
                    foreach (var address in AddressesOf(detection))
                    {
                        results.Add(await BlockAsync(address, pattern.BlockDuration, incident, cancellationToken).ConfigureAwait(false));
                    }

                    break;
                case IncidentResponseKinds.LockAccount:
                    if (SubjectOf(detection) is { } userId)
                    {
                        results.Add(await LockAsync(userId, pattern.LockDuration, incident, cancellationToken).ConfigureAwait(false));
                    }

                    break;
                case IncidentResponseKinds.RevokeSessions:
                    if (SubjectOf(detection) is { } subject)
                    {
                        results.Add(await RevokeAsync(subject, incident, cancellationToken).ConfigureAwait(false));
                    }

                    break;
            }
        }

        return results;
    }

    private async Task<IncidentResponse> BlockAsync(string address, TimeSpan duration, Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (allowList.Contains(address) || AddressBlockKeys.Of(address) is null)
        {
            return new IncidentResponse(IncidentResponseKinds.BlockAddress, address, now, null, "skipped");
        }

        try
        {
            var block = await blocks.BlockAsync(address, duration, incident.Type, incident.Id, cancellationToken).ConfigureAwait(false);
            return new IncidentResponse(IncidentResponseKinds.BlockAddress, block.Address, now, block.ExpiresAt, "applied");
        }
#pragma warning disable CA1031 // One failed response is recorded; the incident and the other responses stand.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, IncidentResponseKinds.BlockAddress, incident.Id, ex);
            return new IncidentResponse(IncidentResponseKinds.BlockAddress, address, now, null, "failed");
        }
    }

    private async Task<IncidentResponse> LockAsync(string userId, TimeSpan duration, Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (lockout is null)
        {
            return new IncidentResponse(IncidentResponseKinds.LockAccount, userId, now, null, "skipped");
        }

        try
        {
            var until = await lockout.LockForAsync(userId, duration, "attack_detection:" + incident.Type, incident.Id, cancellationToken).ConfigureAwait(false);
            return new IncidentResponse(IncidentResponseKinds.LockAccount, userId, now, until, until is null ? "skipped" : "applied");
        }
#pragma warning disable CA1031 // One failed response is recorded; the incident and the other responses stand.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, IncidentResponseKinds.LockAccount, incident.Id, ex);
            return new IncidentResponse(IncidentResponseKinds.LockAccount, userId, now, null, "failed");
        }
    }

    private async Task<IncidentResponse> RevokeAsync(string subject, Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (sessions is null)
        {
            return new IncidentResponse(IncidentResponseKinds.RevokeSessions, subject, now, null, "skipped");
        }

        try
        {
            await sessions.RevokeAllAsync(subject, new ActingPrincipal(ActorId, IsLocalOperator: true), "attack_detection:" + incident.Type, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new IncidentResponse(IncidentResponseKinds.RevokeSessions, subject, now, null, "applied");
        }
#pragma warning disable CA1031 // One failed response is recorded; the incident and the other responses stand.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, IncidentResponseKinds.RevokeSessions, incident.Id, ex);
            return new IncidentResponse(IncidentResponseKinds.RevokeSessions, subject, now, null, "failed");
        }
    }

    /// <summary>Gets the addresses to block: the source address of an address-keyed pattern, else the distinct addresses of the events.</summary>
    private static IEnumerable<string> AddressesOf(IncidentDetection detection)
    {
        if (detection.SourceKey.StartsWith("address:", StringComparison.Ordinal))
        {
            return [detection.SourceKey["address:".Length..]];
        }

        return detection.Events.Select(e => e.Address).OfType<string>().Where(a => a.Length > 0)
            .Select(a => AddressBlockKeys.Of(a) ?? a).Distinct(StringComparer.Ordinal).Take(MaxAddresses);
    }

    /// <summary>Gets the user or client the detection is about, when it is keyed by one (not an unknown username's hash).</summary>
    private static string? SubjectOf(IncidentDetection detection)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["account:", "subject:"])
        {
            if (detection.SourceKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                var id = detection.SourceKey[prefix.Length..];
                return id.StartsWith("ref:", StringComparison.Ordinal) ? null : id;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 7341, Level = LogLevel.Error, Message = "Automated response {Kind} of incident {IncidentId} failed")]
    private static partial void LogFailed(ILogger logger, string kind, string incidentId, Exception exception);
}
