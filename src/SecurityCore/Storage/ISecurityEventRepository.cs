using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists security events (until the tamper-evident audit log takes over).</summary>
public interface ISecurityEventRepository
{
    /// <summary>Appends an event.</summary>
    void Append(SecurityEvent securityEvent);

    /// <summary>Gets up to <paramref name="limit"/> events, newest first in the order they were appended, optionally of one type.</summary>
    IReadOnlyList<SecurityEvent> GetRecent(int limit, string? type = null);
}
