namespace McpSecurity.Handoff;

/// <summary>A <see cref="SignOffRecord"/> plus the Phase 7 security facts of the sign-off.</summary>
/// <remarks>
/// A Phase 6 record read as enhanced has <see cref="TwoFactorAuthenticated"/> false and the other three fields null
/// (not recorded), which is what they were.
/// </remarks>
public sealed class EnhancedSignOffRecord : SignOffRecord
{
    /// <summary>Gets or sets whether the signer passed a second factor in the signing call.</summary>
    public bool TwoFactorAuthenticated { get; set; }

    /// <summary>Gets or sets the signer's security score (0..1) when signing; null when not recorded.</summary>
    public double? SecurityScore { get; set; }

    /// <summary>Gets or sets the reputation of the signer's address when signing; null when not recorded.</summary>
    public IPReputationScore? IpReputation { get; set; }

    /// <summary>Gets or sets how the signer authenticated; null when not recorded.</summary>
    public AuthenticationMethod? AuthenticationMethod { get; set; }
}
