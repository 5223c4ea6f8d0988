namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// One user's second factors as stored: TOTP secrets and phone numbers only encrypted with the master key, SMS and
/// recovery codes only as salted SHA-256 hashes.
/// </summary>
/// <remarks>
/// Writes are optimistic: <see cref="Version"/> grows by one with every save and a save against a stale version is refused,
/// so two concurrent verifications of the same code cannot both succeed.
/// </remarks>
public sealed class StoredTwoFactorEnrollment
{
    /// <summary>Gets or sets the user id (the key).</summary>
    public required string UserId { get; set; }

    /// <summary>Gets or sets the version; 0 for a document that has never been saved.</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets the confirmed TOTP secret; null when TOTP is not enrolled.</summary>
    public StoredTotpSecret? Totp { get; set; }

    /// <summary>Gets or sets when the TOTP secret in <see cref="Totp"/> was confirmed by a first valid code.</summary>
    public DateTimeOffset? TotpConfirmedAt { get; set; }

    /// <summary>Gets or sets the last TOTP time step accepted; codes of this step or earlier are refused (RFC 6238 section 5.2).</summary>
    public long? TotpLastUsedStep { get; set; }

    /// <summary>Gets or sets a TOTP secret waiting for its first valid code; it replaces <see cref="Totp"/> once confirmed.</summary>
    public StoredTotpSecret? PendingTotp { get; set; }

    /// <summary>Gets or sets the confirmed phone number (E.164, encrypted); null when SMS is not enrolled.</summary>
    public byte[]? SmsPhoneNumber { get; set; }

    /// <summary>Gets or sets when the phone number in <see cref="SmsPhoneNumber"/> was confirmed.</summary>
    public DateTimeOffset? SmsConfirmedAt { get; set; }

    /// <summary>Gets or sets a phone number (E.164, encrypted) waiting for the code sent to it.</summary>
    public byte[]? PendingSmsPhoneNumber { get; set; }

    /// <summary>Gets or sets the one outstanding SMS code (enrolment or login); null when none is outstanding.</summary>
    public StoredSmsCode? SmsCode { get; set; }

    /// <summary>Gets or sets the recovery codes of the current set, used ones included.</summary>
    public StoredRecoveryCode[] RecoveryCodes { get; set; } = [];

    /// <summary>Gets or sets when the current set of recovery codes was issued.</summary>
    public DateTimeOffset? RecoveryCodesIssuedAt { get; set; }

    /// <summary>Gets or sets the number of failed verifications since the last successful one.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Gets or sets when the last verification failed.</summary>
    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Gets or sets when the document was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the document was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
