namespace McpSecurity.SecurityCore.Storage;

/// <summary>A TOTP secret as stored: encrypted with the master key (purpose <c>totp-secret</c>), with its parameters.</summary>
public sealed class StoredTotpSecret
{
    /// <summary>Gets or sets the encrypted secret.</summary>
    public required byte[] EncryptedSecret { get; set; }

    /// <summary>Gets or sets the HMAC algorithm: <c>SHA1</c>, <c>SHA256</c> or <c>SHA512</c>.</summary>
    public string Algorithm { get; set; } = "SHA1";

    /// <summary>Gets or sets the number of digits (6 or 8).</summary>
    public int Digits { get; set; } = 6;

    /// <summary>Gets or sets the time step in seconds.</summary>
    public int Period { get; set; } = 30;

    /// <summary>Gets or sets when the secret was generated.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
