namespace McpSecurity.SecurityCore.Storage;

/// <summary>One walk over a composite audit index, newest first.</summary>
/// <param name="Index">The index to walk.</param>
/// <param name="Value">The filter value of that index (ignored for <see cref="AuditQueryIndex.Time"/>).</param>
/// <param name="FromTicks">The lowest timestamp (UTC ticks, inclusive).</param>
/// <param name="BeforeKey">Only keys strictly below this one (a cursor position, or the exclusive end of the time range); null for no bound.</param>
/// <param name="Batch">How many entries to read.</param>
public sealed record AuditQueryRange(AuditQueryIndex Index, string? Value, long FromTicks, string? BeforeKey, int Batch);
