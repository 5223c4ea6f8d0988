namespace McpSecurity.Server.Http;

/// <summary>The body of <c>PATCH /api/v1/users/{id}</c>: members left out stay as they are; "" clears a text field.</summary>
internal sealed class UpdateUserRequest
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Status { get; set; }
}
