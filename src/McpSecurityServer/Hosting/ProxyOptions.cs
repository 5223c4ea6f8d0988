namespace McpSecurity.Server.Hosting;

/// <summary>
/// Reverse proxies and load balancers whose <c>X-Forwarded-For</c> is believed (configuration section <c>Proxy</c>).
/// Empty (the default): the header is ignored and the TCP peer is the client, so no client can choose its own address.
/// </summary>
internal sealed class ProxyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Proxy";

    /// <summary>Gets or sets the proxies: addresses (<c>10.0.0.5</c>) or networks in CIDR form (<c>10.0.0.0/24</c>).</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Gets or sets how many proxy hops of <c>X-Forwarded-For</c> are read from the right. Defaults to 1.</summary>
    public int ForwardLimit { get; set; } = 1;
}
