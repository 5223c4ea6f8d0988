using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>What a user's phone would show: TOTP codes computed with Otp.NET, SMS codes read from the outbox file.</summary>
public static partial class TwoFactorTestCodes
{
    /// <summary>The TOTP code of <paramref name="secret"/> <paramref name="stepsAhead"/> time steps from now (the window accepts one).</summary>
    public static string Totp(string secret, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    /// <summary>The code in the last message of <c>&lt;data-dir&gt;/sms-outbox.jsonl</c>.</summary>
    public static string LastSmsCode(string dataDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "sms-outbox.jsonl"));
        using var message = JsonDocument.Parse(lines[^1]);
        var body = message.RootElement.GetProperty("body").GetString()!;
        return SixDigits().Match(body).Value;
    }

    /// <summary>The <c>amr</c> claim of an access token (payload decoded, not verified: the server verified it).</summary>
    public static IReadOnlyList<string> Amr(string accessToken)
    {
        var payload = Base64Url.DecodeFromChars(accessToken.Split('.')[1]);
        using var claims = JsonDocument.Parse(payload);
        return [.. claims.RootElement.GetProperty("amr").EnumerateArray().Select(e => e.GetString()!)];
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
