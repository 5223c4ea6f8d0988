using System.Globalization;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>
/// Watches the committed security events for the attack patterns of <see cref="IncidentTypes"/> with sliding windows in
/// bounded memory (per account, per address, and one global window for password spraying). A pattern that crosses its
/// threshold opens (or extends) an incident and runs its responses (<see cref="AutomatedResponder"/>); its window then
/// starts over, so a continuing attack fires again only after another threshold's worth of events.
/// </summary>
/// <remarks>Windows run on the events' own times; the pump calls this one event at a time, the lock only guards tests that call it directly.</remarks>
internal sealed class AttackDetector : ISecurityEventObserver
{
    private static readonly HashSet<string> ForgeryCodes =
    [
        SecurityErrorCodes.TokenBadSignature, SecurityErrorCodes.TokenAlgorithmNotAllowed, SecurityErrorCodes.TokenUnknownKey,
        SecurityErrorCodes.TokenUnsupportedCritical,
    ];

    private readonly DetectionOptions _options;
    private readonly IncidentService _incidents;
    private readonly AutomatedResponder _responder;
    private readonly Lock _gate = new();
    private readonly KeyedWindows<EventCountWindow> _bruteForce;
    private readonly KeyedWindows<DistinctValueWindow> _stuffing;
    private readonly KeyedWindows<EventCountWindow> _reuse;
    private readonly KeyedWindows<SumWindow> _storm;
    private readonly KeyedWindows<DistinctValueWindow> _enumeration;
    private readonly KeyedWindows<EventCountWindow> _signature;
    private readonly SprayingWindow _spraying;

    public AttackDetector(IOptions<DetectionOptions> options, IncidentService incidents, AutomatedResponder responder)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _incidents = incidents;
        _responder = responder;
        var capacity = _options.MaxTrackedKeys;
        _bruteForce = new(capacity, static () => new EventCountWindow());
        _stuffing = new(capacity, static () => new DistinctValueWindow());
        _reuse = new(capacity, static () => new EventCountWindow());
        _storm = new(capacity, static () => new SumWindow());
        _enumeration = new(capacity, static () => new DistinctValueWindow());
        _signature = new(capacity, static () => new EventCountWindow());
        _spraying = new SprayingWindow(capacity * 4);
    }

    /// <inheritdoc />
    public async ValueTask OnEventAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        if (!_options.Enabled)
        {
            return;
        }

        List<IncidentDetection>? detections = null;
        lock (_gate)
        {
            Observe(securityEvent, ref detections);
        }

        if (detections is null)
        {
            return;
        }

        foreach (var detection in detections)
        {
            var pattern = _options.Patterns().First(p => p.Type == detection.Type).Options;
            await _incidents.ReportAsync(detection, incident => _responder.RespondAsync(incident, detection, pattern, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Observe(SecurityEvent e, ref List<IncidentDetection>? found)
    {
        var failed = e.Outcome == SecurityEventOutcomes.Failure;
        var address = AddressOf(e);
        switch (e.Type)
        {
            case SecurityEventTypes.LoginFailed when failed:
                var account = AccountOf(e);
                if (account is not null)
                {
                    // A wrong code at login is reported twice (two_factor_failed, then login_failed of stage second_factor):
                    // brute force counts the two_factor_failed, which the signed-in checks report too.
                    if (e.Details.GetValueOrDefault("stage") != "second_factor")
                    {
                        BruteForce(e, account, ref found);
                    }

                    if (address is not null)
                    {
                        CountDistinct(_options.CredentialStuffing, IncidentTypes.CredentialStuffing, _stuffing, "address:" + address, e, account, "distinct_accounts", ref found);
                        Spraying(e, account, address, ref found);
                    }
                }

                if (address is not null && e.Details.GetValueOrDefault("cause") == "unknown_user" && e.Details.GetValueOrDefault("username_ref") is { Length: > 0 } probed)
                {
                    CountDistinct(_options.Enumeration, IncidentTypes.Enumeration, _enumeration, "address:" + address, e, "user:" + probed, "distinct_unknown_identifiers", ref found);
                }

                break;
            case SecurityEventTypes.TwoFactorFailed when failed:
                if (e.Details.GetValueOrDefault("reason") == "replay")
                {
                    Signature(e, address, ref found);
                }
                else if (e.SubjectId is { Length: > 0 } subject)
                {
                    BruteForce(e, subject, ref found);
                }

                break;
            case SecurityEventTypes.RefreshTokenReuse when e.SubjectId is { Length: > 0 } reused:
                CountEvents(_options.RefreshTokenReuse, IncidentTypes.RefreshTokenReuse, _reuse, "subject:" + reused, e, "reuses", ref found);
                break;
            case SecurityEventTypes.RateLimitExceeded:
                Storm(e, address, ref found);
                break;
            case SecurityEventTypes.TokenValidationFailed when e.ReasonCode is { } code && ForgeryCodes.Contains(code):
                Signature(e, address, ref found);
                break;
            case SecurityEventTypes.ClerkWebhookReceived when failed && e.ReasonCode is SecurityErrorCodes.ClerkWebhookBadSignature or SecurityErrorCodes.ClerkWebhookStaleTimestamp:
                Signature(e, address, ref found);
                break;
            default:
                if (failed && address is not null && e.ReasonCode == SecurityErrorCodes.NotFound && e.Target is { Length: > 0 } target)
                {
                    CountDistinct(_options.Enumeration, IncidentTypes.Enumeration, _enumeration, "address:" + address, e, e.Type + ":" + target, "distinct_unknown_identifiers", ref found);
                }

                break;
        }
    }

    private void BruteForce(SecurityEvent e, string account, ref List<IncidentDetection>? found) =>
        CountEvents(_options.BruteForce, IncidentTypes.BruteForce, _bruteForce, "account:" + account, e, "failures", ref found);

    private void Signature(SecurityEvent e, string? address, ref List<IncidentDetection>? found)
    {
        if (address is not null)
        {
            CountEvents(_options.SignatureFailure, IncidentTypes.SignatureFailure, _signature, "address:" + address, e, "failures", ref found);
        }
    }

    private void Storm(SecurityEvent e, string? address, ref List<IncidentDetection>? found)
    {
        var pattern = _options.RateLimitStorm;
        var principal = e.SubjectId ?? e.ClientId;
        var source = address is not null ? "address:" + address : principal is { Length: > 0 } ? "principal:" + principal : null;
        if (!pattern.Enabled || source is null)
        {
            return;
        }

        var count = long.TryParse(e.Details.GetValueOrDefault("count"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        if (_storm.Get(source, e.OccurredAt, pattern.Window).Add(e, count, pattern.Threshold, pattern.Window) is { } fired)
        {
            _storm.Remove(source);
            Add(ref found, IncidentTypes.RateLimitStorm, pattern, source, fired.Events, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["refused_requests"] = fired.Sum.ToString(CultureInfo.InvariantCulture),
            });
        }
    }

    private void Spraying(SecurityEvent e, string account, string address, ref List<IncidentDetection>? found)
    {
        var pattern = _options.PasswordSpraying;
        if (pattern.Enabled && _spraying.Add(e, account, address, pattern, _options.EvidenceSampleSize) is { } fired)
        {
            Add(ref found, IncidentTypes.PasswordSpraying, pattern, "global", fired.Events, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["distinct_accounts"] = fired.Accounts.ToString(CultureInfo.InvariantCulture),
                ["distinct_addresses"] = fired.Addresses.ToString(CultureInfo.InvariantCulture),
                ["max_attempts_per_account"] = pattern.MaxAttemptsPerAccount.ToString(CultureInfo.InvariantCulture),
            }, (fired.Count, fired.FirstSeen));
        }
    }

    private static void CountEvents(DetectionPatternOptions pattern, string type, KeyedWindows<EventCountWindow> windows, string key, SecurityEvent e, string figure, ref List<IncidentDetection>? found)
    {
        if (pattern.Enabled && windows.Get(key, e.OccurredAt, pattern.Window).Add(e, pattern.Threshold, pattern.Window) is { } fired)
        {
            windows.Remove(key);
            Add(ref found, type, pattern, key, fired, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [figure] = fired.Count.ToString(CultureInfo.InvariantCulture),
            });
        }
    }

    private void CountDistinct(DetectionPatternOptions pattern, string type, KeyedWindows<DistinctValueWindow> windows, string key, SecurityEvent e, string value, string figure, ref List<IncidentDetection>? found)
    {
        if (pattern.Enabled && windows.Get(key, e.OccurredAt, pattern.Window).Add(e, value, pattern.Threshold, pattern.Window, _options.EvidenceSampleSize) is { } fired)
        {
            windows.Remove(key);
            Add(ref found, type, pattern, key, fired.Events, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [figure] = fired.Distinct.ToString(CultureInfo.InvariantCulture),
            }, (fired.Count, fired.FirstSeen));
        }
    }

    /// <summary>Adds a detection; <paramref name="sampled"/> gives the real event count and first time when <paramref name="events"/> is only a sample.</summary>
    private static void Add(ref List<IncidentDetection>? found, string type, DetectionPatternOptions pattern, string sourceKey, IReadOnlyList<SecurityEvent> events,
        Dictionary<string, string> figures, (long Count, DateTimeOffset FirstSeen)? sampled = null)
    {
        figures["window_seconds"] = ((long)pattern.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        figures["threshold"] = pattern.Threshold.ToString(CultureInfo.InvariantCulture);
        var detection = new IncidentDetection(type, pattern.Severity, TitleOf(type), sourceKey, ComponentOf(type), events, figures);
        (found ??= []).Add(sampled is { } real ? detection with { EventCount = real.Count, FirstSeen = real.FirstSeen } : detection);
    }

    /// <summary>Gets the account a failed login names: the user id, else the hash reference of an unknown username.</summary>
    private static string? AccountOf(SecurityEvent e) =>
        e.SubjectId is { Length: > 0 } subject ? subject
        : e.Details.GetValueOrDefault("username_ref") is { Length: > 0 } reference ? "ref:" + reference
        : null;

    /// <summary>Gets the address an event came from, grouped like blocks (an IPv6 /64); null when unknown.</summary>
    private static string? AddressOf(SecurityEvent e) =>
        string.IsNullOrEmpty(e.Address) ? null : AddressBlockKeys.Of(e.Address) ?? e.Address;

    private static string TitleOf(string type) => type switch
    {
        IncidentTypes.BruteForce => "Brute force on one account",
        IncidentTypes.CredentialStuffing => "Credential stuffing from one address",
        IncidentTypes.PasswordSpraying => "Password spraying across many accounts",
        IncidentTypes.RefreshTokenReuse => "Refresh token reused",
        IncidentTypes.RateLimitStorm => "Rate-limit storm from one source",
        IncidentTypes.Enumeration => "Identifier enumeration from one address",
        _ => "Repeated bad signatures or replays from one address",
    };

    private static string ComponentOf(string type) => type switch
    {
        IncidentTypes.RateLimitStorm => "rate_limiting_service",
        IncidentTypes.Enumeration => "security_hardening",
        IncidentTypes.SignatureFailure => "api_security",
        _ => "jwt_auth_service",
    };
}
