using System.Diagnostics;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Records how long each access token takes to issue (<c>mcpsec.token.issue.duration</c>).</summary>
internal sealed class MeteredAccessTokenIssuer(IAccessTokenIssuer inner, SecurityMetrics metrics) : IAccessTokenIssuer
{
    /// <summary>Wraps <paramref name="inner"/> when metrics are registered.</summary>
    public static IAccessTokenIssuer Wrap(IAccessTokenIssuer inner, SecurityMetrics? metrics) =>
        metrics is null ? inner : new MeteredAccessTokenIssuer(inner, metrics);

    /// <inheritdoc />
    public IssuedAccessToken Issue(AccessTokenDescriptor descriptor)
    {
        var started = Stopwatch.GetTimestamp();
        var issued = inner.Issue(descriptor);
        metrics.RecordTokenIssue(Stopwatch.GetElapsedTime(started));
        return issued;
    }
}
