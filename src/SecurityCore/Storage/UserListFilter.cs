namespace McpSecurity.SecurityCore.Storage;

/// <summary>Which users a listing returns; deleted users are never listed.</summary>
/// <param name="Now">The instant a lockout is judged at (for the computed status <c>locked</c>).</param>
/// <param name="Status">Only users with this status (<c>active</c>, <c>locked</c>, <c>suspended</c>, <c>disabled</c>); null for all.</param>
/// <param name="Role">Only users holding this role; null for all.</param>
/// <param name="Search">Only users whose username, e-mail or display name contains this (lower-case) text; null for all.</param>
public sealed record UserListFilter(DateTimeOffset Now, string? Status = null, string? Role = null, string? Search = null);
