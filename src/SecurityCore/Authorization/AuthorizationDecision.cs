namespace McpSecurity.SecurityCore.Authorization;

/// <summary>The answer of <see cref="IPermissionChecker.Check"/>: allowed, or refused naming the missing permission.</summary>
/// <remarks>A value type, so that a check allocates nothing.</remarks>
public readonly record struct AuthorizationDecision
{
    private AuthorizationDecision(bool isAllowed, string? missingPermission)
    {
        IsAllowed = isAllowed;
        MissingPermission = missingPermission;
    }

    /// <summary>Gets the decision that allows the call.</summary>
    public static AuthorizationDecision Allowed { get; } = new(true, null);

    /// <summary>Gets whether the call is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>Gets the permission the subject lacks; null when allowed.</summary>
    public string? MissingPermission { get; }

    /// <summary>Gets the stable error code of a refusal (<see cref="SecurityErrorCodes.InsufficientPermissions"/>); null when allowed.</summary>
    public string? ErrorCode => IsAllowed ? null : SecurityErrorCodes.InsufficientPermissions;

    /// <summary>Gets a caller-safe message naming the missing permission; null when allowed.</summary>
    public string? Message => IsAllowed ? null : $"This call needs the permission '{MissingPermission}', which the caller's roles do not grant.";

    /// <summary>Creates a refusal naming <paramref name="permission"/>.</summary>
    public static AuthorizationDecision Denied(string permission) => new(false, permission);

    /// <summary>Creates the <see cref="SecurityException"/> of a refusal.</summary>
    public SecurityException ToException() => IsAllowed
        ? throw new InvalidOperationException("An allowed decision is not a refusal.")
        : new SecurityException(SecurityErrorCodes.InsufficientPermissions, Message!, new Dictionary<string, object?> { ["required_permission"] = MissingPermission });
}
