namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The claims of an access token that passed validation.</summary>
public sealed record ValidatedToken
{
    /// <summary>Gets the <c>jti</c>.</summary>
    public required string TokenId { get; init; }
    /// <summary>Gets the <c>kid</c> of the key that signed it.</summary>
    public required string KeyId { get; init; }
    /// <summary>Gets the <c>iss</c>.</summary>
    public required string Issuer { get; init; }
    /// <summary>Gets the <c>aud</c> values.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }
    /// <summary>Gets the <c>sub</c>.</summary>
    public required string Subject { get; init; }
    /// <summary>Gets the <c>client_id</c>.</summary>
    public required string ClientId { get; init; }
    /// <summary>Gets the scopes.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }
    /// <summary>Gets the roles.</summary>
    public required IReadOnlyList<string> Roles { get; init; }
    /// <summary>Gets the <c>sid</c>.</summary>
    public required string SessionId { get; init; }
    /// <summary>Gets the <c>amr</c> values.</summary>
    public required IReadOnlyList<string> AuthenticationMethods { get; init; }
    /// <summary>Gets the <c>auth_time</c>.</summary>
    public required DateTimeOffset AuthTime { get; init; }
    /// <summary>Gets the <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>Gets the <c>nbf</c>.</summary>
    public required DateTimeOffset NotBefore { get; init; }
    /// <summary>Gets the <c>exp</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
