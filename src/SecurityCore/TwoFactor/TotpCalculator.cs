using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>TOTP (RFC 6238) over Otp.NET's HOTP (RFC 4226): the code of time step T is HOTP with counter T.</summary>
internal static class TotpCalculator
{
    /// <summary>The time step of <paramref name="instant"/> (T0 = 0).</summary>
    public static long StepAt(DateTimeOffset instant, int period) => Math.DivRem(instant.ToUnixTimeSeconds(), period, out var remainder) - (remainder < 0 ? 1 : 0);

    /// <summary>Computes the code of one time step.</summary>
    public static string Compute(byte[] secret, TotpParameters parameters, long step)
    {
        using var key = new HmacKeyProvider(secret);
        return new Hotp(key, parameters.Algorithm, parameters.Digits).ComputeHOTP(step);
    }

    /// <summary>
    /// Normalises a typed code: surrounding white space and inner spaces or hyphens (as apps display "123 456") are dropped;
    /// returns null unless exactly <paramref name="digits"/> ASCII digits remain.
    /// </summary>
    public static string? NormalizeCode(string code, int digits)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length > 2 * digits + 8)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[code.Length];
        var length = 0;
        foreach (var c in code.AsSpan().Trim())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || length == digits)
            {
                return null;
            }

            buffer[length++] = c;
        }

        return length == digits ? new string(buffer[..length]) : null;
    }

    /// <summary>
    /// Checks <paramref name="code"/> against every step from <c>now - window</c> to <c>now + window</c>. Every candidate is
    /// computed and compared in constant time, without stopping at the first match; a match on a step at or before
    /// <paramref name="lastUsedStep"/> counts as a replay.
    /// </summary>
    public static TotpMatch Verify(byte[] secret, TotpParameters parameters, DateTimeOffset now, int window, string code, long? lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(code);
        var normalized = NormalizeCode(code, parameters.Digits);
        if (normalized is null)
        {
            return new TotpMatch(CodeCheck.Malformed, null);
        }

        Span<byte> presented = stackalloc byte[parameters.Digits];
        Span<byte> expected = stackalloc byte[parameters.Digits];
        Encoding.ASCII.GetBytes(normalized, presented);

        using var key = new HmacKeyProvider(secret);
        var hotp = new Hotp(key, parameters.Algorithm, parameters.Digits);
        var current = StepAt(now, parameters.Period);
        long? accepted = null;
        var replayed = false;
        for (var step = current - window; step <= current + window; step++)
        {
            if (step < 0)
            {
                continue;
            }

            Encoding.ASCII.GetBytes(hotp.ComputeHOTP(step), expected);
            if (!CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                continue;
            }

            // Two steps can share a code by chance; the latest unused one wins.
            if (lastUsedStep is { } last && step <= last)
            {
                replayed = true;
            }
            else
            {
                accepted = step;
            }
        }

        if (accepted is not null)
        {
            return new TotpMatch(CodeCheck.Matched, accepted);
        }

        return new TotpMatch(replayed ? CodeCheck.Replay : CodeCheck.Mismatch, null);
    }
}
