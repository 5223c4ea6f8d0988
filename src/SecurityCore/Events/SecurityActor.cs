namespace McpSecurity.SecurityCore.Events;

/// <summary>The authenticated caller of the current request, as the audit trail records it.</summary>
/// <param name="SubjectId">The subject (user or client id).</param>
/// <param name="ClientId">The OAuth client, when known.</param>
/// <param name="Roles">The roles the caller's token carries.</param>
/// <param name="AuthenticationMethod">How the caller authenticated (<see cref="Identity.AuthenticationMethodNames"/>), when known.</param>
/// <param name="Address">The caller's remote address, when known.</param>
/// <param name="RequestId">The request id, when known.</param>
public sealed record SecurityActor(string SubjectId, string? ClientId, IReadOnlyList<string> Roles, string? AuthenticationMethod, string? Address, string? RequestId);
