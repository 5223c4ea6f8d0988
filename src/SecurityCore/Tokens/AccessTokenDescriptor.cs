namespace McpSecurity.SecurityCore.Tokens;

/// <summary>What goes into an access token.</summary>
public sealed record AccessTokenDescriptor
{
    /// <summary>Gets the subject (<c>sub</c>): a user id or a client id.</summary>
    public required string Subject { get; init; }
    /// <summary>Gets the client id (<c>client_id</c>) the token was issued to.</summary>
    public required string ClientId { get; init; }
    /// <summary>Gets the granted scopes (<c>scope</c>, space separated on the wire).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
    /// <summary>Gets the roles (<c>roles</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>Gets the session id (<c>sid</c>), which is the refresh token family id.</summary>
    public required string SessionId { get; init; }
    /// <summary>Gets the authentication methods (<c>amr</c>, RFC 8176 values such as <c>pwd</c>, <c>otp</c>, <c>mfa</c>).</summary>
    public IReadOnlyList<string> AuthenticationMethods { get; init; } = [];
    /// <summary>Gets when the subject authenticated (<c>auth_time</c>).</summary>
    public required DateTimeOffset AuthTime { get; init; }
}
