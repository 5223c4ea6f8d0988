using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The Clerk integration bridge: session token exchange and webhook handling, behind both faces.</summary>
public interface IClerkBridge
{
    /// <summary>
    /// Verifies a Clerk session token, fetches the user from the Clerk Backend API, creates or updates the linked local user,
    /// and returns it for token issuance; never throws for a bad token (see <see cref="ClerkExchangeResult.ErrorCode"/>).
    /// </summary>
    Task<ClerkExchangeResult> ExchangeAsync(string clerkSessionJwt, TokenRequestContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a Svix-signed Clerk webhook (headers <c>svix-id</c>, <c>svix-timestamp</c>, <c>svix-signature</c> over the raw
    /// body) and handles <c>user.created</c>, <c>user.updated</c> and <c>user.deleted</c>; other event types are ignored.
    /// </summary>
    Task<ClerkWebhookResult> HandleWebhookAsync(string? svixId, string? svixTimestamp, string? svixSignature, ReadOnlyMemory<byte> body,
        TokenRequestContext? context = null, CancellationToken cancellationToken = default);
}
