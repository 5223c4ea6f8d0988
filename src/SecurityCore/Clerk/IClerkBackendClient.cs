namespace McpSecurity.SecurityCore.Clerk;

/// <summary>The Clerk Backend API, as far as the bridge needs it.</summary>
internal interface IClerkBackendClient
{
    /// <summary>Gets a user by Clerk user id (<c>GET /v1/users/{id}</c>).</summary>
    Task<ClerkUserFetch> GetUserAsync(string userId, CancellationToken cancellationToken = default);
}
