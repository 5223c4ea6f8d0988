using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Random SMS and recovery codes and their salted SHA-256 hashes.</summary>
internal static class OneTimeCodes
{
    /// <summary>The number of digits of an SMS code.</summary>
    public const int SmsCodeDigits = 6;

    /// <summary>The number of recovery codes in a set.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The number of base32 characters of a recovery code (50 bits).</summary>
    public const int RecoveryCodeLength = 10;

    private const int SaltLength = 16;
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Creates a uniformly random six-digit code.</summary>
    public static string NewSmsCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Creates a random recovery code, shown as <c>xxxxx-xxxxx</c> in lower case.</summary>
    public static string NewRecoveryCode()
    {
        var characters = RandomNumberGenerator.GetItems(Base32Alphabet.AsSpan(), RecoveryCodeLength);
        var text = new string(characters).ToLowerInvariant();
        return string.Concat(text.AsSpan(0, RecoveryCodeLength / 2), "-", text.AsSpan(RecoveryCodeLength / 2));
    }

    /// <summary>
    /// Normalises a typed recovery code: case, white space and hyphens do not matter; returns null unless exactly ten
    /// base32 characters remain.
    /// </summary>
    public static string? NormalizeRecoveryCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length > 3 * RecoveryCodeLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[RecoveryCodeLength];
        var length = 0;
        foreach (var raw in code.AsSpan().Trim())
        {
            if (raw is ' ' or '-')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            if (!Base32Alphabet.Contains(c, StringComparison.Ordinal) || length == RecoveryCodeLength)
            {
                return null;
            }

            buffer[length++] = c;
        }

        return length == RecoveryCodeLength ? new string(buffer) : null;
    }

    /// <summary>Creates a random salt for one code.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    /// <summary>Computes SHA-256(salt || UTF-8(code)).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> salt, string code)
    {
        var codeBytes = Encoding.UTF8.GetBytes(code);
        var input = new byte[salt.Length + codeBytes.Length];
        try
        {
            salt.CopyTo(input);
            codeBytes.CopyTo(input.AsSpan(salt.Length));
            return SHA256.HashData(input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(codeBytes);
        }
    }

    /// <summary>Returns whether <paramref name="code"/> hashes to <paramref name="expectedHash"/>, compared in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> expectedHash, string code) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, code), expectedHash);
}
