namespace McpSecurity.SecurityCore.Events;

/// <summary>Reads recorded security events back, newest first.</summary>
public interface ISecurityEventReader
{
    /// <summary>Gets up to <paramref name="limit"/> events, newest first, optionally of one type.</summary>
    Task<IReadOnlyList<SecurityEvent>> GetRecentAsync(int limit, string? type = null, CancellationToken cancellationToken = default);
}
