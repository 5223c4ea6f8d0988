namespace McpSecurity.SecurityCore.Identity;

/// <summary>Login session timeouts (configuration section <c>Identity:Sessions</c>).</summary>
/// <remarks>
/// A session is the refresh-token family a login opens; its id is the tokens' <c>sid</c>. The server ends it after
/// <see cref="IdleTimeout"/> without an authenticated request or refresh (HIPAA automatic logoff, 45 CFR 164.312(a)(2)(iii))
/// and at the latest <see cref="AbsoluteTimeout"/> after the login (or <c>Tokens:SessionLifetime</c>, when shorter), on
/// refresh and on every authenticated request. Agents and services (client credentials) have no sessions.
/// </remarks>
public sealed class SessionTimeoutOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity:Sessions";

    /// <summary>Gets or sets how long a session may go without activity. Defaults to 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long a session may last after its login, whatever its activity. Defaults to 12 hours.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Gets or sets how often the last activity kept in memory is written to the store. Defaults to 30 seconds.</summary>
    /// <remarks>After a crash at most this much activity is lost, which can only end a session earlier, never later.</remarks>
    public TimeSpan ActivityFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many sessions the in-memory activity cache holds at most. Defaults to 100,000.</summary>
    public int CacheSize { get; set; } = 100_000;
}
