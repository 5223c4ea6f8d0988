namespace McpSecurity.SecurityCore.Identity;

/// <summary>Registered agents and services (OAuth confidential clients).</summary>
public interface IClientService
{
    /// <summary>Registers a client with a generated secret; throws <see cref="SecurityException"/> on a taken id.</summary>
    Task<ClientRegistrationResult> RegisterAsync(string? clientId, string? displayName, IReadOnlyList<string> allowedScopes, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);
    /// <summary>Authenticates a client; null when the id is unknown, disabled, or the secret is wrong (constant effort).</summary>
    Task<ClientAccount?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken = default);
    /// <summary>Lists clients.</summary>
    IReadOnlyList<ClientAccount> List();
}
