namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Options of two-factor authentication (configuration section <c>TwoFactor</c>).</summary>
/// <remarks>Validated at start-up by <see cref="TwoFactorOptionsValidator"/>; a bad value stops the server naming the key.</remarks>
public sealed class TwoFactorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "TwoFactor";

    /// <summary>Gets or sets the issuer shown by authenticator apps and used in SMS texts. Defaults to "MCP Security Server".</summary>
    /// <remarks>At most 64 characters, no colon (the otpauth label separates issuer and account with one).</remarks>
    public string Issuer { get; set; } = "MCP Security Server";

    /// <summary>Gets or sets how many 30-second steps before and after the current one a TOTP code may come from. Defaults to 1.</summary>
    /// <remarks>RFC 6238 recommends at most one step of network delay; each extra step widens the guessing window.</remarks>
    public int TotpWindow { get; set; } = 1;

    /// <summary>Gets or sets the roles that must have a second factor; null means security_reviewer and architect. Admins always must.</summary>
    /// <remarks>Null by default because the configuration binder appends to a pre-filled list instead of replacing it.</remarks>
    public IList<string>? EnforcedRoles { get; set; }

    /// <summary>Gets or sets whether the enforced roles must enrol a second factor before they may log in. Defaults to true.</summary>
    /// <remarks>Turn off only for development or test fixtures: accounts that enrolled still need their second factor.</remarks>
    public bool Enforce { get; set; } = true;

    /// <summary>Returns whether an account holding <paramref name="roles"/> must have a second factor.</summary>
    public bool IsEnforcedFor(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var enforced = EffectiveEnforcedRoles;
        return Enforce && roles.Any(role => enforced.Contains(role, StringComparer.Ordinal));
    }

    /// <summary>Gets or sets how many wrong codes a login challenge tolerates before it is void. Defaults to 5.</summary>
    public int ChallengeMaxAttempts { get; set; } = 5;

    /// <summary>Gets the roles that must have a second factor: <see cref="EnforcedRoles"/> or its default, plus admin.</summary>
    public IReadOnlyList<string> EffectiveEnforcedRoles =>
        [Identity.Roles.Admin, .. EnforcedRoles ?? [Identity.Roles.SecurityReviewer, Identity.Roles.Architect]];

    /// <summary>Gets or sets the SMS backup options.</summary>
    public TwoFactorSmsOptions Sms { get; set; } = new();
}
