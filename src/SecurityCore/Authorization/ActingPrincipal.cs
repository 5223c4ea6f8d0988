namespace McpSecurity.SecurityCore.Authorization;

/// <summary>Who makes a change: an authenticated subject (checked against its permissions) or the local operator.</summary>
/// <param name="Id">The subject id (user or client id), or <see cref="LocalOperatorId"/>.</param>
/// <param name="IsLocalOperator">True for the command line run by whoever holds the data directory: trusted, not checked.</param>
/// <param name="Address">The caller's remote address, for security events.</param>
/// <param name="RequestId">The request id, for security events.</param>
public sealed record ActingPrincipal(string Id, bool IsLocalOperator = false, string? Address = null, string? RequestId = null)
{
    /// <summary>The id recorded for changes made by the local operator.</summary>
    public const string LocalOperatorId = "local-operator";

    /// <summary>Gets the local operator (the command line): whoever can open the data directory already controls everything in it.</summary>
    public static ActingPrincipal LocalOperator { get; } = new(LocalOperatorId, IsLocalOperator: true, Address: "cli");

    /// <summary>Creates an authenticated subject as actor.</summary>
    public static ActingPrincipal Subject(string id, string? address = null, string? requestId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new ActingPrincipal(id, false, address, requestId);
    }
}
