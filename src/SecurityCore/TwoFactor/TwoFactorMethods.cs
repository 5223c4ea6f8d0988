namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The second factors by their wire names (MCP tool arguments, REST bodies, challenges, events).</summary>
public static class TwoFactorMethods
{
    /// <summary>A time-based one-time password from an authenticator app (RFC 6238).</summary>
    public const string Totp = "totp";

    /// <summary>A code sent by SMS to the enrolled phone number.</summary>
    public const string Sms = "sms";

    /// <summary>One of the single-use recovery codes.</summary>
    public const string RecoveryCode = "recovery_code";

    /// <summary>Gets every method, in the order a client should offer them.</summary>
    public static IReadOnlyList<string> All { get; } = [Totp, Sms, RecoveryCode];

    /// <summary>Returns whether <paramref name="method"/> names a known method (exact, lower case).</summary>
    public static bool IsKnown(string? method) => method is Totp or Sms or RecoveryCode;

    /// <summary>Gets the <c>amr</c> value (RFC 8176) a token records for a method.</summary>
    /// <remarks>
    /// <c>otp</c> for TOTP and <c>sms</c> for SMS are registered values. RFC 8176 registers none for recovery codes, so
    /// <c>rec</c> is used: it keeps "signed in with a recovery code" visible to resource servers and audit, which
    /// <c>otp</c> would hide.
    /// </remarks>
    /// <exception cref="ArgumentException">The method is unknown.</exception>
    public static string ToAmr(string method) => method switch
    {
        Totp => TwoFactorAmr.Otp,
        Sms => TwoFactorAmr.Sms,
        RecoveryCode => TwoFactorAmr.RecoveryCode,
        _ => throw new ArgumentException($"Unknown two-factor method '{method}'.", nameof(method)),
    };
}
