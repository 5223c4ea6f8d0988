namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>What a policy keys its counters by (<c>RateLimiting:Policies:&lt;name&gt;:KeyBy</c>, one or more).</summary>
public static class RateLimitKeyParts
{
    /// <summary>The user (id, or the username a login attempt names).</summary>
    public const string User = "user";
    /// <summary>The OAuth client or API key id.</summary>
    public const string Client = "client";
    /// <summary>The acting principal: the user if there is one, else the client.</summary>
    public const string Principal = "principal";
    /// <summary>The remote address, grouped by prefix (IPv4 /32 and IPv6 /64 unless configured).</summary>
    public const string Address = "address";
    /// <summary>The HTTP endpoint (path).</summary>
    public const string Endpoint = "endpoint";
    /// <summary>The MCP tool.</summary>
    public const string Tool = "tool";
    /// <summary>The caller's role (the first of the policy's <c>Roles</c> the caller holds, else the caller's first role).</summary>
    public const string Role = "role";

    /// <summary>Gets every key part.</summary>
    public static IReadOnlyList<string> All { get; } = [User, Client, Principal, Address, Endpoint, Tool, Role];
}
