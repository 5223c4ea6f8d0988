using System.Security.Cryptography;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Random passwords that satisfy the password policy (long, mixed, no dictionary words).</summary>
public static class TestSecrets
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>Creates a random 32-character password.</summary>
    public static string NewPassword() => "Pw-" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 29));
}
