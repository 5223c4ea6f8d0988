using System.Net;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>What the limiter knows of one request: who, from where, to what.</summary>
public sealed record RateLimitRequest
{
    /// <summary>Gets the authenticated user id, when known.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Gets the username a password login or change attempts, as typed (unchecked). Only the <c>user</c> key of login
    /// policies counts it, and always as a hash (people type passwords into the username field); it is never a principal.
    /// </summary>
    public string? LoginName { get; init; }

    /// <summary>Gets the OAuth client or API key id, when known.</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the remote address, when known.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Gets the HTTP path, when the request came over HTTP.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the MCP tool called, when it is a tool call.</summary>
    public string? Tool { get; init; }

    /// <summary>Gets the caller's current roles.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets the request id that ties audit events to a log line.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets how many units the request costs. Defaults to 1.</summary>
    public int Cost { get; init; } = 1;

    /// <summary>Gets whether to only look (nothing is consumed).</summary>
    public bool DryRun { get; init; }
}
