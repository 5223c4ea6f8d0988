using OtpNet;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>The parameters of one TOTP secret.</summary>
/// <param name="Algorithm">The HMAC algorithm.</param>
/// <param name="Digits">The number of digits, 6 to 8.</param>
/// <param name="Period">The time step in seconds.</param>
internal readonly record struct TotpParameters(OtpHashMode Algorithm, int Digits, int Period)
{
    /// <summary>What every common authenticator app reads: SHA1, 6 digits, 30 seconds. New enrolments always use it.</summary>
    public static TotpParameters Default { get; } = new(OtpHashMode.Sha1, 6, 30);

    /// <summary>Gets the algorithm name as the otpauth URI and the store spell it.</summary>
    public string AlgorithmName => Algorithm switch
    {
        OtpHashMode.Sha256 => "SHA256",
        OtpHashMode.Sha512 => "SHA512",
        _ => "SHA1",
    };

    /// <summary>Parses a stored algorithm name.</summary>
    /// <exception cref="InvalidOperationException">The name is not SHA1, SHA256 or SHA512 (a corrupt document).</exception>
    public static OtpHashMode ParseAlgorithm(string name) => name switch
    {
        "SHA1" => OtpHashMode.Sha1,
        "SHA256" => OtpHashMode.Sha256,
        "SHA512" => OtpHashMode.Sha512,
        _ => throw new InvalidOperationException($"Stored TOTP algorithm '{name}' is not SHA1, SHA256 or SHA512."),
    };
}
