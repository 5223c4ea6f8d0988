namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The outcome of a Clerk webhook: what it did, or why it was refused.</summary>
/// <remarks>
/// The webhook face answers 2xx when <see cref="Succeeded"/> (also for ignored event types, so Svix does not retry), and
/// 400/401 otherwise; a refused webhook changed nothing.
/// </remarks>
public sealed record ClerkWebhookResult
{
    /// <summary>Gets the Svix message id (<c>svix-id</c>), when present.</summary>
    public string? EventId { get; init; }

    /// <summary>Gets the Clerk event type (for example <c>user.deleted</c>) once the signature verified.</summary>
    public string? EventType { get; init; }

    /// <summary>Gets the Clerk user id the event is about, when any.</summary>
    public string? ClerkUserId { get; init; }

    /// <summary>Gets the local user id affected, when any.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets what was done.</summary>
    public ClerkWebhookAction Action { get; init; }

    /// <summary>Gets whether the user's sessions must end (deleted or banned at Clerk).</summary>
    public bool SessionsMustEnd { get; init; }

    /// <summary>Gets whether this server's token revocation already ended them (false: the caller must, or none is registered).</summary>
    public bool SessionsRevoked { get; init; }

    /// <summary>Gets the stable error code when refused (see <see cref="SecurityErrorCodes"/>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a caller-safe message when refused.</summary>
    public string? Message { get; init; }

    /// <summary>Gets whether the webhook was accepted.</summary>
    public bool Succeeded => ErrorCode is null;
}
