namespace McpSecurity.Server.Http;

/// <summary>The body of <c>POST /api/v1/users</c>.</summary>
internal sealed class CreateUserRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }
#pragma warning disable CA1819 // A wire DTO: the JSON array binds to an array.
    public string[]? Roles { get; set; }
#pragma warning restore CA1819
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public bool MustChangePassword { get; set; }
}
