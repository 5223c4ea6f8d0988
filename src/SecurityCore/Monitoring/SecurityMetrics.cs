using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>
/// The product's own measurements, as <see cref="System.Diagnostics.Metrics"/> instruments of the meter <c>McpSecurity</c>
/// (one meter per service provider, from <see cref="IMeterFactory"/>). The server exports them at <c>/metrics</c>.
/// </summary>
/// <remarks>Labels carry policy names, outcomes, methods, incident types and severities only: never a subject, address, token or key.</remarks>
public sealed class SecurityMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "McpSecurity";

    private readonly Counter<long> rateLimitChecks;
    private readonly Histogram<double> rateLimitCheckDuration;
    private readonly Counter<long> rateLimitStoreErrors;
    private readonly Counter<long> authentications;
    private readonly Histogram<double> tokenIssueDuration;
    private readonly Histogram<double> tokenValidationDuration;
    private readonly Counter<long> incidentsOpened;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    public SecurityMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        rateLimitChecks = Meter.CreateCounter<long>("mcpsec.ratelimit.checks", description: "Rate-limit decisions per policy and outcome (allowed, denied).");
        rateLimitCheckDuration = Meter.CreateHistogram<double>("mcpsec.ratelimit.check.duration", unit: "s", description: "Time to decide one rate-limit check.");
        rateLimitStoreErrors = Meter.CreateCounter<long>("mcpsec.ratelimit.store.errors", description: "Errors talking to the shared rate-limit store (Redis).");
        authentications = Meter.CreateCounter<long>("mcpsec.auth.attempts", description: "Authentication attempts per method and outcome (success, failure).");
        tokenIssueDuration = Meter.CreateHistogram<double>("mcpsec.token.issue.duration", unit: "s", description: "Time to issue a token.");
        tokenValidationDuration = Meter.CreateHistogram<double>("mcpsec.token.validate.duration", unit: "s", description: "Time to validate a token, per outcome.");
        incidentsOpened = Meter.CreateCounter<long>("mcpsec.incidents.opened", description: "Incidents opened per type and severity.");
    }

    /// <summary>Gets the meter, for observable instruments that other services add (gauges of degraded state, open incidents, blocked addresses).</summary>
    public Meter Meter { get; }

    /// <summary>Counts one rate-limit decision of <paramref name="policy"/> and its duration.</summary>
    public void RecordRateLimitCheck(string policy, bool allowed, TimeSpan duration)
    {
        var tags = new TagList { { "policy", policy }, { "outcome", allowed ? "allowed" : "denied" } };
        rateLimitChecks.Add(1, tags);
        rateLimitCheckDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("policy", policy));
    }

    /// <summary>Counts one error of the shared rate-limit store.</summary>
    public void RecordRateLimitStoreError() => rateLimitStoreErrors.Add(1);

    /// <summary>Counts one authentication attempt by <paramref name="method"/> (password, client_credentials, refresh, otp, clerk, ...).</summary>
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
}
