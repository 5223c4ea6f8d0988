namespace McpSecurity.SecurityCore.Audit;

/// <summary>Who acted in an audit entry.</summary>
/// <param name="SubjectId">The user or client id, when known.</param>
/// <param name="ClientId">The OAuth client involved, when known.</param>
/// <param name="Roles">The roles the subject held.</param>
/// <param name="Address">The remote address, when known.</param>
/// <param name="AuthenticationMethod">How the subject authenticated, when known.</param>
public sealed record AuditActor(string? SubjectId, string? ClientId, IReadOnlyList<string> Roles, string? Address, string? AuthenticationMethod);
