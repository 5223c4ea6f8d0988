namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Decodes a configured HS256 key given as base64 or base64url, with or without padding.</summary>
internal static class HmacKeyDecoder
{
    /// <summary>The minimum HS256 key length (RFC 7518 section 3.2: at least the hash size).</summary>
    public const int MinimumKeyBytes = 32;

    public static bool TryDecode(string? value, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim().TrimEnd('=').Replace('-', '+').Replace('_', '/');
        switch (text.Length % 4)
        {
            case 1:
                return false;
            case 2:
                text += "==";
                break;
            case 3:
                text += "=";
                break;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        key = buffer.AsSpan(0, written).ToArray();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        return true;
    }
}
