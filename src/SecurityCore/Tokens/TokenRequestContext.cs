namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Facts about the request behind a grant, for security events and the session a login opens.</summary>
/// <param name="Address">The caller's remote address.</param>
/// <param name="RequestId">The request id.</param>
public sealed record TokenRequestContext(string? Address = null, string? RequestId = null)
{
    /// <summary>Gets the caller's user agent (for example the <c>User-Agent</c> header, or <c>stdio</c>); recorded with a new session.</summary>
    public string? UserAgent { get; init; }
}
