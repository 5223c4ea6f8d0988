namespace McpSecurity.SecurityCore.Identity;

/// <summary>First run: signing key and first administrator. Idempotent.</summary>
public interface IBootstrapService
{
    /// <summary>Creates what is missing (active signing key, first administrator) and reports what it did.</summary>
    Task<BootstrapResult> EnsureInitializedAsync(CancellationToken cancellationToken = default);
}
