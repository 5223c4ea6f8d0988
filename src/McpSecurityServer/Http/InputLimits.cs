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
}
