namespace McpSecurity.Tests.SecurityCore.Audit;

internal static class SecurityErrorCodesForTests
{
    public const string InvalidCredentials = "AUTH_INVALID_CREDENTIALS";
}
