namespace McpSecurity.Server.Http;

/// <summary>Upper bounds on input sizes, shared by the REST endpoints and the MCP tools (schema and checks).</summary>
/// <remarks>They bound work before SecurityCore sees the input; the token rules themselves (8 KiB, shape) live in SecurityCore.</remarks>
internal static class InputLimits
{
    public const int Username = 256;
    public const int Password = 1024;
    public const int ClientId = 256;
    public const int ClientSecret = 512;
    public const int Scope = 1024;
    public const int Token = 16 * 1024;
    public const int TokenTypeHint = 64;
    public const int ClerkSessionToken = 8 * 1024;
    public const int ClerkWebhookBody = 256 * 1024;
    public const int ChallengeId = 128;
    public const int TwoFactorCode = 64;
    public const int TwoFactorMethod = 32;
    public const int PhoneNumber = 32;
    public const int Role = 64;
    public const int Permission = 64;
    public const int UserId = 128;
    public const int Description = 128;
    public const int Subject = 256;
    public const int HandoffId = 200;
    public const int HandoffDocument = 512 * 1024;
    public const int HandoffText = 5000;
    public const int HandoffEnum = 64;
    public const int Email = 254;
    public const int DisplayName = 128;
    public const int SessionId = 128;
    public const int Search = 64;
    public const int Cursor = 512;
    public const int Status = 16;
    public const int RateLimitPolicy = 64;
    public const int RateLimitKey = 512;
    public const int IncidentId = 64;
    public const int IncidentNote = 1000;
    public const int IncidentFilter = 64;
    public const int Address = 64;
}
