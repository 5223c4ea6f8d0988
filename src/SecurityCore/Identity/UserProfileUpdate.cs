namespace McpSecurity.SecurityCore.Identity;

/// <summary>A change of a person's account; null members stay as they are, an empty string clears a text field.</summary>
public sealed class UserProfileUpdate
{
    /// <summary>Gets the new display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the new e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the new status: <c>active</c>, <c>suspended</c> or <c>disabled</c> (a lockout is lifted by unlock, not here).</summary>
    public string? Status { get; init; }
}
