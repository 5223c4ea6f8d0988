namespace McpSecurity.SecurityCore.Clerk;

/// <summary>What handling a Clerk webhook did to the local users.</summary>
public enum ClerkWebhookAction
{
    /// <summary>Nothing: the event type is not handled, or it names no local user.</summary>
    Ignored,
    /// <summary>A local user was created.</summary>
    Created,
    /// <summary>A local user was updated.</summary>
    Updated,
    /// <summary>The local user already matched (or the event was older than what was applied).</summary>
    Unchanged,
    /// <summary>The local user was disabled (the Clerk user was deleted).</summary>
    Disabled,
}
