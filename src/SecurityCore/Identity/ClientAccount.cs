namespace McpSecurity.SecurityCore.Identity;

/// <summary>Public facts about a registered client (no secret).</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="AllowedScopes">The scopes it may request.</param>
/// <param name="Roles">The roles it acts with.</param>
/// <param name="Enabled">Whether it may authenticate.</param>
public sealed record ClientAccount(string ClientId, string? DisplayName, IReadOnlyList<string> AllowedScopes, IReadOnlyList<string> Roles, bool Enabled);
