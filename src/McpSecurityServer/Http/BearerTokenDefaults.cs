namespace McpSecurity.Server.Http;

/// <summary>Names of the bearer authentication scheme and the authorization policies built on it.</summary>
internal static class BearerTokenDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string AuthenticationScheme = "Bearer";
    /// <summary>Any valid access token.</summary>
    public const string AuthenticatedPolicy = "authenticated";
    /// <summary>A valid access token with the MCP scope (<c>Mcp:RequiredScope</c>).</summary>
    public const string McpPolicy = "mcp";
    /// <summary>A valid access token of a principal with the admin role.</summary>
    public const string AdminPolicy = "admin";
}
