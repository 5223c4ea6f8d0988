namespace McpSecurity.SecurityCore.Identity;

/// <summary>Argon2id parameters for new password hashes (configuration section <c>Identity:PasswordHashing</c>).</summary>
/// <remarks>
/// Defaults follow the OWASP Password Storage Cheat Sheet (m = 19 MiB, t = 2, p = 1). Every hash records its own
/// parameters, so raising them later rehashes each password at its next successful login.
/// </remarks>
public sealed class PasswordHashingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity:PasswordHashing";

    /// <summary>Gets or sets the memory cost in KiB. Defaults to 19456 (19 MiB).</summary>
    public int MemoryKiB { get; set; } = 19456;

    /// <summary>Gets or sets the number of passes. Defaults to 2.</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Gets or sets the degree of parallelism (lanes). Defaults to 1.</summary>
    public int Parallelism { get; set; } = 1;

    /// <summary>Gets or sets the salt length in bytes. Defaults to 16.</summary>
    public int SaltLength { get; set; } = 16;

    /// <summary>Gets or sets the hash length in bytes. Defaults to 32.</summary>
    public int HashLength { get; set; } = 32;
}
