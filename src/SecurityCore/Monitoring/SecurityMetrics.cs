using System.Diagnostics;
using System.Diagnostics.Metrics;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>
/// The product's own measurements, as <see cref="System.Diagnostics.Metrics"/> instruments of the meter <c>McpSecurity</c>
/// (one meter per service provider, from <see cref="IMeterFactory"/>). The server exports them at <c>/metrics</c>.
/// </summary>
/// <remarks>
/// Labels carry policy names, outcomes, methods, incident types, severities and statuses only: never a subject, address,
/// token or key. The gauges read the rate-limit store health, the incident service and the address block list when they are
/// registered (each is optional); open incidents are counted by <see cref="RefreshAsync"/>, which the exporter calls before
/// every collection.
/// </remarks>
public sealed class SecurityMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "McpSecurity";

    /// <summary>The rate limiter times one check in this many for <c>mcpsec.ratelimit.check.duration</c> (the decisions are all counted).</summary>
    public const int RateLimitTimingSampleEvery = 8;

    /// <summary>The most incidents one refresh reads (the open ones are few; this bounds a pathological store).</summary>
    internal const int MaxIncidentsCounted = 10_000;

    // Seconds, 10 µs to 2.5 s: an in-memory check takes well under a microsecond, a Redis one about a round trip, a token issue a signature.
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Counter<long> rateLimitChecks;
    private readonly Histogram<double> rateLimitCheckDuration;
    private readonly Counter<long> rateLimitStoreErrors;
    private readonly Counter<long> authentications;
    private readonly Histogram<double> tokenIssueDuration;
    private readonly Histogram<double> tokenValidationDuration;
    private readonly Counter<long> incidentsOpened;
    private readonly IServiceProvider? services;
    private volatile IReadOnlyList<(string Type, string Severity, string Status, int Count)> openIncidents = [];

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The container's meter factory (its meters carry it as <see cref="Meter.Scope"/>).</param>
    /// <param name="services">Where the gauges find the optional services they read; null for none.</param>
    public SecurityMetrics(IMeterFactory meterFactory, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.services = services;
        Meter = meterFactory.Create(MeterName);
        var durations = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        rateLimitChecks = Meter.CreateCounter<long>("mcpsec.ratelimit.checks", description: "Rate-limit decisions per policy and outcome (allowed, denied).");
        rateLimitCheckDuration = Meter.CreateHistogram("mcpsec.ratelimit.check.duration", unit: "s", description: "Time to decide one rate-limit check (every policy covering the request); one check in 8 is timed.", advice: durations);
        rateLimitStoreErrors = Meter.CreateCounter<long>("mcpsec.ratelimit.store.errors", description: "Errors talking to the shared rate-limit store (Redis).");
        authentications = Meter.CreateCounter<long>("mcpsec.auth.attempts", description: "Authentication attempts per method (password, client_credentials, refresh, second_factor, clerk) and outcome (success, failure).");
        tokenIssueDuration = Meter.CreateHistogram("mcpsec.token.issue.duration", unit: "s", description: "Time to issue (sign) one access token.", advice: durations);
        tokenValidationDuration = Meter.CreateHistogram("mcpsec.token.validate.duration", unit: "s", description: "Time to validate one access token, per outcome (valid, invalid).", advice: durations);
        incidentsOpened = Meter.CreateCounter<long>("mcpsec.incidents.opened", description: "Incidents opened per type and severity.");
        Meter.CreateObservableGauge("mcpsec.ratelimit.store.degraded", ObserveDegraded, description: "1 while the shared rate-limit store (Redis) is unreachable, else 0.");
        Meter.CreateObservableGauge("mcpsec.incidents.open", ObserveOpenIncidents, description: "Incidents not yet resolved, per type, severity and status (open, acknowledged).");
        Meter.CreateObservableGauge("mcpsec.blocked.addresses", ObserveBlockedAddresses, description: "Addresses on the block list now.");
    }

    /// <summary>Gets the meter, for observable instruments that other services add.</summary>
    public Meter Meter { get; }

    /// <summary>Gets whether anybody listens to check durations (so a caller reads the clock only then).</summary>
    public bool IsRateLimitTimingEnabled => rateLimitCheckDuration.Enabled;

    /// <summary>Counts one rate-limit decision of <paramref name="policy"/> and records its duration.</summary>
    public void RecordRateLimitCheck(string policy, bool allowed, TimeSpan duration)
    {
        RecordRateLimitDecision(policy, allowed);
        RecordRateLimitCheckDuration(duration);
    }

    /// <summary>Counts one rate-limit decision of <paramref name="policy"/> (a configured policy name: bounded).</summary>
    public void RecordRateLimitDecision(string policy, bool allowed)
    {
        var tags = new TagList { { "policy", policy }, { "outcome", allowed ? "allowed" : "denied" } };
        rateLimitChecks.Add(1, tags);
    }

    /// <summary>Records how long one whole rate-limit check took.</summary>
    public void RecordRateLimitCheckDuration(TimeSpan duration) => rateLimitCheckDuration.Record(duration.TotalSeconds);

    /// <summary>Counts one error of the shared rate-limit store.</summary>
    public void RecordRateLimitStoreError() => rateLimitStoreErrors.Add(1);

    /// <summary>Counts one authentication attempt by <paramref name="method"/> (see <see cref="AuthenticationMetricMethods"/>).</summary>
    public void RecordAuthentication(string method, bool succeeded) =>
        authentications.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    /// <summary>Records the time one token issue took.</summary>
    public void RecordTokenIssue(TimeSpan duration) => tokenIssueDuration.Record(duration.TotalSeconds);

    /// <summary>Records the time one token validation took, with whether it was valid.</summary>
    public void RecordTokenValidation(TimeSpan duration, bool valid) =>
        tokenValidationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", valid ? "valid" : "invalid"));

    /// <summary>Counts one opened incident.</summary>
    public void RecordIncidentOpened(string type, string severity) =>
        incidentsOpened.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("severity", severity));

    /// <summary>Counts the unresolved incidents for the <c>mcpsec.incidents.open</c> gauge (nothing when no incident service is registered).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (services?.GetService<IIncidentService>() is not { } incidents)
        {
            return;
        }

        var counts = new Dictionary<(string Type, string Severity, string Status), int>();
        foreach (var status in (string[])[IncidentStatuses.Open, IncidentStatuses.Acknowledged])
        {
            string? cursor = null;
            var read = 0;
            do
            {
                var page = await incidents.ListAsync(new IncidentQuery(Status: status, Limit: 200, Cursor: cursor), cancellationToken).ConfigureAwait(false);
                foreach (var incident in page.Items)
                {
                    var key = (incident.Type, incident.Severity, incident.Status);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }

                read += page.Items.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null && read < MaxIncidentsCounted);
        }

        openIncidents = [.. counts.Select(c => (c.Key.Type, c.Key.Severity, c.Key.Status, c.Value))];
    }

    private IEnumerable<Measurement<int>> ObserveDegraded()
    {
        if (services?.GetService<IRateLimitStoreHealth>() is { } health)
        {
            yield return new Measurement<int>(health.IsDegraded ? 1 : 0);
        }
    }

    private IEnumerable<Measurement<int>> ObserveBlockedAddresses()
    {
        if (services?.GetService<IAddressBlockList>() is { } blocks)
        {
            yield return new Measurement<int>(blocks.ActiveCount);
        }
    }

    private IEnumerable<Measurement<int>> ObserveOpenIncidents()
    {
        foreach (var count in openIncidents)
        {
            yield return new Measurement<int>(count.Count, new TagList { { "type", count.Type }, { "severity", count.Severity }, { "status", count.Status } });
        }
    }
}
