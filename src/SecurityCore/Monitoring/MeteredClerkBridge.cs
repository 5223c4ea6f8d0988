using McpSecurity.SecurityCore.Clerk;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Counts Clerk session exchanges as authentication attempts (method <c>clerk</c>) around the real bridge.</summary>
internal sealed class MeteredClerkBridge(IClerkBridge inner, SecurityMetrics metrics) : IClerkBridge
{
    /// <summary>Wraps <paramref name="inner"/> when metrics are registered.</summary>
    public static IClerkBridge Wrap(IClerkBridge inner, SecurityMetrics? metrics) =>
        metrics is null ? inner : new MeteredClerkBridge(inner, metrics);

    /// <inheritdoc />
    public async Task<ClerkExchangeResult> ExchangeAsync(string clerkSessionJwt, TokenRequestContext? context = null, CancellationToken cancellationToken = default)
    {
        ClerkExchangeResult result;
        try
        {
            result = await inner.ExchangeAsync(clerkSessionJwt, context, cancellationToken).ConfigureAwait(false);
        }
        catch (SecurityException)
        {
            metrics.RecordAuthentication(AuthenticationMetricMethods.Clerk, succeeded: false);
            throw;
        }

        metrics.RecordAuthentication(AuthenticationMetricMethods.Clerk, result.Succeeded);
        return result;
    }

    /// <inheritdoc />
    public Task<ClerkWebhookResult> HandleWebhookAsync(string? svixId, string? svixTimestamp, string? svixSignature, ReadOnlyMemory<byte> body,
        TokenRequestContext? context = null, CancellationToken cancellationToken = default) =>
        inner.HandleWebhookAsync(svixId, svixTimestamp, svixSignature, body, context, cancellationToken);
}
