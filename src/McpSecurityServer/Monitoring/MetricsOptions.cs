namespace McpSecurity.Server.Monitoring;

/// <summary>Options of the Prometheus endpoint <c>/metrics</c> (configuration section <c>Metrics</c>).</summary>
internal sealed class MetricsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Metrics";

    /// <summary>The value of <see cref="AllowedNetworks"/> that allows no address without a token.</summary>
    public const string None = "none";

    /// <summary>Gets or sets whether <c>/metrics</c> is served at all (default true; false answers 404 and records nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the addresses or CIDR networks (for example <c>10.0.0.0/8</c>) that may scrape without a token.</summary>
    /// <remarks>Empty (default): loopback only (<c>127.0.0.0/8</c>, <c>::1/128</c>). <c>none</c>: no address; every scrape needs a token.</remarks>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>Gets or sets whether a bearer token whose subject holds <c>metrics:read</c> may scrape from any address (default true).</summary>
    public bool AllowBearer { get; set; } = true;
}
