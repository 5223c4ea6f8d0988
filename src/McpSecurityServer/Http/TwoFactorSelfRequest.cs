namespace McpSecurity.Server.Http;

/// <summary>The body of the <c>/api/v1/me/2fa/...</c> routes.</summary>
internal sealed class TwoFactorSelfRequest
{
    public string? PhoneNumber { get; set; }
    public string? Method { get; set; }
    public string? Code { get; set; }
}
