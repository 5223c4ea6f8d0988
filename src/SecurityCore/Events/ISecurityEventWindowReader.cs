namespace McpSecurity.SecurityCore.Events;

/// <summary>Reads the recorded security events of a time window, oldest first (what metrics and reputations count).</summary>
public interface ISecurityEventWindowReader
{
    /// <summary>Gets the events that happened in [<paramref name="windowStart"/>, <paramref name="windowEnd"/>), oldest first.</summary>
    /// <remarks>Waits for events published before the call. At most <see cref="SecurityEventWindow.MaxEvents"/> are read; the result says when the window held more.</remarks>
    Task<SecurityEventWindow> ReadAsync(DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken = default);
}
