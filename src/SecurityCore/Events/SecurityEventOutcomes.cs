namespace McpSecurity.SecurityCore.Events;

/// <summary>Outcomes of a <see cref="SecurityEvent"/>.</summary>
public static class SecurityEventOutcomes
{
    /// <summary>The operation succeeded.</summary>
    public const string Success = "success";
    /// <summary>The operation was refused or failed.</summary>
    public const string Failure = "failure";
    /// <summary>A notable observation that is neither.</summary>
    public const string Info = "info";
}
