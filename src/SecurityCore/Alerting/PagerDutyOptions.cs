namespace McpSecurity.SecurityCore.Alerting;

/// <summary>Options of the PagerDuty Events API v2 webhook that tells PagerDuty about incidents (configuration section <c>Alerting:PagerDuty</c>).</summary>
/// <remarks>Validated at start-up by <c>PagerDutyOptionsValidator</c>; a bad value stops the server naming the key (never the routing key's value).</remarks>
public sealed class PagerDutyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Alerting:PagerDuty";

    /// <summary>The Events API v2 endpoint of PagerDuty.</summary>
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>Gets or sets whether incidents are sent to PagerDuty. Defaults to false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the full enqueue URL. Defaults to <see cref="DefaultUrl"/> (use <c>https://events.eu.pagerduty.com/v2/enqueue</c> for the EU service region).</summary>
    /// <remarks>Must be https (http only for a loopback address).</remarks>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>Gets or sets the integration key (routing key) of the PagerDuty service's Events API v2 integration.</summary>
    /// <remarks>A secret: never logged, never in an error. Prefer the environment variable <c>MCPSEC__Alerting__PagerDuty__RoutingKey</c>. Required when enabled.</remarks>
    public string? RoutingKey { get; set; }

    /// <summary>Gets or sets the least incident severity that is sent (low, medium, high or critical). Defaults to low (every incident).</summary>
    public string MinimumSeverity { get; set; } = "low";

    /// <summary>Gets or sets the <c>payload.source</c> of the events (the affected system). Defaults to the machine name.</summary>
    public string Source { get; set; } = Environment.MachineName;

    /// <summary>Gets or sets the <c>payload.group</c> of the events. Defaults to <c>mcp-security-server</c>.</summary>
    public string Group { get; set; } = "mcp-security-server";

    /// <summary>Gets or sets the timeout of one request. Defaults to 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times one event is tried (429, 5xx and network failures are retried with doubling back-off). Defaults to 6.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Gets or sets the wait before the first retry; it doubles for each next one. Defaults to 1 second.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between two tries (also caps a 429's <c>Retry-After</c>). Defaults to 1 minute.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many events may wait to be sent; beyond it new ones are dropped and logged. Defaults to 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Gets or sets the shortest time between two re-triggers of one incident that only gained events. Defaults to 5 minutes.</summary>
    /// <remarks>Opening, acknowledging and resolving are always sent; an update carries the new figures.</remarks>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMinutes(5);
}
