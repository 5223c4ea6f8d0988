namespace McpSecurity.SecurityCore.Events;

/// <summary>The security events of a stated window.</summary>
/// <param name="Start">The start of the window (inclusive).</param>
/// <param name="End">The end of the window (exclusive).</param>
/// <param name="Events">The events, oldest first.</param>
/// <param name="Truncated">Whether the window held more than <see cref="MaxEvents"/> events (the newest beyond it are not read).</param>
public sealed record SecurityEventWindow(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<SecurityEvent> Events, bool Truncated)
{
    /// <summary>The most events one window read returns.</summary>
    public const int MaxEvents = 100_000;
}
