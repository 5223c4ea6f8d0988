namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The answer of the Clerk Backend API for one user: the profile, or a stable code and a caller-safe message.</summary>
/// <param name="Profile">The user's profile; null when refused.</param>
/// <param name="ErrorCode">Null on success; <see cref="SecurityErrorCodes.ClerkUserNotFound"/> or <see cref="SecurityErrorCodes.ClerkUnavailable"/>.</param>
/// <param name="Message">Null on success; otherwise why (never the secret key).</param>
internal sealed record ClerkUserFetch(ClerkUserProfile? Profile, string? ErrorCode, string? Message);
