namespace McpSecurity.SecurityCore.Identity;

/// <summary>A page request for the user list: keyset paging by username, with optional filters.</summary>
public sealed class UserListQuery
{
    /// <summary>The largest page size accepted.</summary>
    public const int MaxLimit = 200;

    /// <summary>Gets how many users a page holds, 1 to <see cref="MaxLimit"/>. Defaults to 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the cursor of the previous page's <see cref="UserListPage.NextCursor"/>; null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Gets the status to filter by (<c>active</c>, <c>locked</c>, <c>suspended</c>, <c>disabled</c>); null for all.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the role to filter by; null for all.</summary>
    public string? Role { get; init; }

    /// <summary>Gets text the username, e-mail or display name must contain (case-insensitive); null for all.</summary>
    public string? Search { get; init; }
}
