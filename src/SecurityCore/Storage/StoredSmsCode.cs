namespace McpSecurity.SecurityCore.Storage;

/// <summary>An outstanding SMS code as stored: only SHA-256 over a per-code salt and the code.</summary>
public sealed class StoredSmsCode
{
    /// <summary>Gets or sets what the code is for: <c>enrollment</c> or <c>login</c>.</summary>
    public required string Purpose { get; set; }

    /// <summary>Gets or sets SHA-256(salt || code).</summary>
    public required byte[] Hash { get; set; }

    /// <summary>Gets or sets the random per-code salt.</summary>
    public required byte[] Salt { get; set; }

    /// <summary>Gets or sets when the code was created and sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the code lapses.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets how many wrong codes were presented for it.</summary>
    public int FailedAttempts { get; set; }
}
