namespace McpSecurity.SecurityCore.Detection;

/// <summary>The queues between the security events and their effects (detection, responses, incident notifications).</summary>
/// <remarks>Detection runs off the publisher's path: a test (or a tool) that needs its effects waits with <see cref="DrainAsync"/>.</remarks>
public interface IDetectionPipeline
{
    /// <summary>Completes once every event published before the call has been seen by every observer (incidents stored, responses run)
    /// and every incident change since then has been told to every notifier. Needs the host's background services running.</summary>
    Task DrainAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets how many events were dropped because the observers' queue was full.</summary>
    long DroppedEvents { get; }
}
