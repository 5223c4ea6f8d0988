using System.Globalization;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Builds the <c>otpauth://totp/</c> URI of the Key URI Format that authenticator apps read from the QR code.</summary>
internal static class TotpUri
{
    /// <summary>
    /// Builds <c>otpauth://totp/Issuer:account?secret=…&amp;issuer=Issuer&amp;algorithm=SHA1&amp;digits=6&amp;period=30</c>;
    /// issuer and account are percent-encoded (a space as <c>%20</c>, a colon inside either as <c>%3A</c>).
    /// </summary>
    public static string Build(string issuer, string account, string base32Secret, TotpParameters parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentException.ThrowIfNullOrEmpty(base32Secret);
        var escapedIssuer = Uri.EscapeDataString(issuer);
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(account)}?secret={base32Secret.TrimEnd('=')}&issuer={escapedIssuer}"
            + $"&algorithm={parameters.AlgorithmName}&digits={parameters.Digits}&period={parameters.Period}");
    }
}
