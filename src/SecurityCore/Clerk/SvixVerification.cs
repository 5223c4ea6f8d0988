namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The outcome of checking a Svix-signed webhook: accepted, or refused with a stable code and a caller-safe message.</summary>
/// <param name="ErrorCode">Null when accepted; otherwise a <see cref="SecurityErrorCodes"/> value.</param>
/// <param name="Message">Null when accepted; otherwise why, without any secret or signature.</param>
internal sealed record SvixVerification(string? ErrorCode, string? Message)
{
    /// <summary>The accepted outcome.</summary>
    public static readonly SvixVerification Accepted = new(null, null);

    /// <summary>Gets whether the webhook was accepted.</summary>
    public bool Succeeded => ErrorCode is null;
}
