namespace McpSecurity.SecurityCore.Audit;

/// <summary>A filter over the audit trail; every given member must match (AND). Results come newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>The largest page size.</summary>
    public const int MaxLimit = 500;

    /// <summary>The default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The longest accepted filter value.</summary>
    public const int MaxValueLength = 512;

    /// <summary>The longest accepted free-text term.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Gets the earliest timestamp (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest timestamp (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the acting subject id (exact).</summary>
    public string? Actor { get; init; }

    /// <summary>Gets the event type (exact).</summary>
    public string? Type { get; init; }

    /// <summary>Gets the outcome (<c>success</c>, <c>failure</c>, <c>info</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets the target (exact).</summary>
    public string? Target { get; init; }

    /// <summary>Gets a free-text term: case-insensitive substring of type, outcome, actor, client, address, target, reason code, request id, event id or a detail name or value.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the page size (1 to <see cref="MaxLimit"/>; default <see cref="DefaultLimit"/>).</summary>
    public int? Limit { get; init; }

    /// <summary>Gets the opaque cursor of the previous page's <see cref="AuditQueryPage.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }
}
