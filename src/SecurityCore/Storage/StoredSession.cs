namespace McpSecurity.SecurityCore.Storage;

/// <summary>A login session as stored: the refresh-token family (same id, the <c>sid</c>) and what opened it.</summary>
public sealed class StoredSession
{
    /// <summary>Gets or sets the session id (the refresh-token family id and the tokens' <c>sid</c>).</summary>
    public required string Id { get; set; }
    /// <summary>Gets or sets the user id the session belongs to.</summary>
    public required string Subject { get; set; }
    /// <summary>Gets or sets the client id the session's tokens are issued to.</summary>
    public string? ClientId { get; set; }
    /// <summary>Gets or sets the user agent of the login request, truncated; null when unknown.</summary>
    public string? UserAgent { get; set; }
    /// <summary>Gets or sets the remote address of the login request; null when unknown.</summary>
    public string? Address { get; set; }
    /// <summary>Gets or sets the authentication methods of the login (<c>amr</c>).</summary>
    public string[] AuthenticationMethods { get; set; } = [];
    /// <summary>Gets or sets when the session was opened.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Gets or sets the last authenticated activity seen (written behind, so it may lag by the flush interval).</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    /// <summary>Gets or sets the absolute end of the session.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Gets or sets when the session ended (revoked, logged off, timed out); null while it lasts.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Gets or sets why the session ended, for example <c>idle_timeout</c> or <c>revoked</c>.</summary>
    public string? EndReason { get; set; }
}
