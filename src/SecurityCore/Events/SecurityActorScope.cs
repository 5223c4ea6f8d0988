namespace McpSecurity.SecurityCore.Events;

/// <summary>
/// The caller of the current request, flowing with the async context: the host opens a scope once the caller is
/// authenticated, and the event pipeline completes the actor of every event that caller causes (roles, method, address).
/// </summary>
/// <remarks>Components keep reporting only what they know; they need not thread the caller's roles through every call.</remarks>
public static class SecurityActorScope
{
    private static readonly AsyncLocal<SecurityActor?> CurrentActor = new();

    /// <summary>Gets the caller of the current request, or null outside a scope.</summary>
    public static SecurityActor? Current => CurrentActor.Value;

    /// <summary>Makes <paramref name="actor"/> the current caller until the returned scope is disposed.</summary>
    public static IDisposable Begin(SecurityActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Restore(previous);
    }

    /// <summary>
    /// Completes the actor fields <paramref name="securityEvent"/> leaves empty from the current caller, when the event's
    /// subject is that caller (events about someone else, such as a lockout caused by an anonymous attempt, stay as they are).
    /// </summary>
    public static SecurityEvent Complete(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        var actor = CurrentActor.Value;
        if (actor is null || !string.Equals(actor.SubjectId, securityEvent.SubjectId, StringComparison.Ordinal))
        {
            return securityEvent;
        }

        if (securityEvent.Roles.Count > 0 && securityEvent.AuthenticationMethod is not null && securityEvent.Address is not null
            && securityEvent.RequestId is not null && securityEvent.ClientId is not null)
        {
            return securityEvent;
        }

        return securityEvent with
        {
            Roles = securityEvent.Roles.Count > 0 ? securityEvent.Roles : actor.Roles,
            AuthenticationMethod = securityEvent.AuthenticationMethod ?? actor.AuthenticationMethod,
            Address = securityEvent.Address ?? actor.Address,
            RequestId = securityEvent.RequestId ?? actor.RequestId,
            ClientId = securityEvent.ClientId ?? actor.ClientId,
        };
    }

    private sealed class Restore(SecurityActor? previous) : IDisposable
    {
        public void Dispose() => CurrentActor.Value = previous;
    }
}
