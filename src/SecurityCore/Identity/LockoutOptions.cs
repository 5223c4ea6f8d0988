namespace McpSecurity.SecurityCore.Identity;

/// <summary>Account lockout after repeated failed attempts (configuration section <c>Identity:Lockout</c>).</summary>
/// <remarks>
/// While locked every attempt answers <c>AUTH_ACCOUNT_LOCKED</c>, whatever the password, and attempts do not extend the
/// lockout; it ends after <see cref="Duration"/> or when an administrator unlocks the account. A successful login
/// resets the counter. Existing sessions are not ended: a lockout stops guessing, it is not a sign of compromise.
/// </remarks>
public sealed class LockoutOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity:Lockout";

    /// <summary>Gets or sets how many failed attempts in a row lock the account. Defaults to 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Gets or sets how long a lockout lasts. Defaults to 15 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
