namespace McpSecurity.SecurityCore.Identity;

/// <summary>Where a login attempt came from, recorded with its security events (address reputation and attack detection read them).</summary>
/// <param name="Address">The caller's remote address, when known.</param>
/// <param name="RequestId">The request id, when known.</param>
public sealed record LoginOrigin(string? Address = null, string? RequestId = null)
{
    /// <summary>Gets an origin with nothing known (command-line and internal calls).</summary>
    public static LoginOrigin Unknown { get; } = new();
}
