namespace McpSecurity.SecurityCore.Identity;

/// <summary>One page of the user list.</summary>
/// <param name="Users">The users, ordered by username.</param>
/// <param name="NextCursor">The cursor of the next page; null on the last page.</param>
/// <param name="Total">How many users match the filters (all pages).</param>
public sealed record UserListPage(IReadOnlyList<UserProfile> Users, string? NextCursor, int Total);
