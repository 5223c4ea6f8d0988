namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>A confirmed second factor.</summary>
/// <param name="Method">The method confirmed (<see cref="TwoFactorMethods"/>).</param>
/// <param name="RecoveryCodes">The new recovery codes when this was the account's first factor, shown once; otherwise null.</param>
public sealed record TwoFactorEnrollmentResult(string Method, IReadOnlyList<string>? RecoveryCodes)
{
    /// <summary>Describes the result without the recovery codes.</summary>
    public override string ToString() => $"TwoFactorEnrollmentResult {{ Method = {Method}, RecoveryCodes = {RecoveryCodes?.Count ?? 0} }}";
}
