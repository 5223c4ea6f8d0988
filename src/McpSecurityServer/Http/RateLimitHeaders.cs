using System.Globalization;
using System.Text;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>
/// Writes the rate-limit response headers: <c>RateLimit-Policy</c> and <c>RateLimit</c> (IETF
/// draft-ietf-httpapi-ratelimit-headers: <c>"name";q=limit;w=window</c> and <c>"name";r=remaining;t=reset</c>, seconds),
/// and the Phase 6 <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c>, <c>X-RateLimit-Reset</c> (Unix seconds) of the decisive policy.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string Current = "RateLimit";
    public const string Limit = "X-RateLimit-Limit";
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Reset = "X-RateLimit-Reset";

    /// <summary>Adds the headers of <paramref name="result"/>; nothing when no policy counted.</summary>
    public static void Apply(HttpResponse response, RateLimitResult result, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Decisive is not { } decisive || decisive.State == RateLimitStoreState.Bypassed)
        {
            return;
        }

        var policies = new StringBuilder();
        var current = new StringBuilder();
        foreach (var decision in result.Decisions)
        {
            if (decision.State == RateLimitStoreState.Bypassed)
            {
                continue;
            }

            Append(policies, decision.Policy.Name, "q", decision.Limit, "w", Seconds(decision.Policy.Period));
            Append(current, decision.Policy.Name, "r", Math.Max(0, decision.Remaining), "t", Seconds(decision.ResetAfter));
        }

        response.Headers[Policy] = policies.ToString();
        response.Headers[Current] = current.ToString();
        response.Headers[Limit] = decisive.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[Remaining] = Math.Max(0, decisive.Remaining).ToString(CultureInfo.InvariantCulture);
        response.Headers[Reset] = (time.GetUtcNow() + decisive.ResetAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Gets whole seconds, rounded up (a client must not come back early).</summary>
    public static long Seconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(span.TotalSeconds);

    private static void Append(StringBuilder builder, string name, string first, long firstValue, string second, long secondValue)
    {
        if (builder.Length > 0)
        {
            builder.Append(", ");
        }

        builder.Append('"').Append(name).Append("\";").Append(first).Append('=').Append(firstValue.ToString(CultureInfo.InvariantCulture))
            .Append(';').Append(second).Append('=').Append(secondValue.ToString(CultureInfo.InvariantCulture));
    }
}
