using System.Diagnostics;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Records how long each access token validation takes and whether it was valid (<c>mcpsec.token.validate.duration</c>).</summary>
internal sealed class MeteredAccessTokenValidator(IAccessTokenValidator inner, SecurityMetrics metrics) : IAccessTokenValidator
{
    /// <summary>Wraps <paramref name="inner"/> when metrics are registered.</summary>
    public static IAccessTokenValidator Wrap(IAccessTokenValidator inner, SecurityMetrics? metrics) =>
        metrics is null ? inner : new MeteredAccessTokenValidator(inner, metrics);

    /// <inheritdoc />
    public TokenValidationResult Validate(string token)
    {
        var started = Stopwatch.GetTimestamp();
        var result = inner.Validate(token);
        metrics.RecordTokenValidation(Stopwatch.GetElapsedTime(started), result.Token is not null);
        return result;
    }
}
