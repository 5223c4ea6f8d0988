namespace McpSecurity.SecurityCore.Incidents;

/// <summary>Something outside that hears about incident changes (for example the PagerDuty Events v2 webhook).</summary>
/// <remarks>Called after the change is stored, off the detection path; a notifier that fails must not lose or block the incident (retry on its own).</remarks>
public interface IIncidentNotifier
{
    /// <summary>Tells about one change.</summary>
    Task NotifyAsync(IncidentChange change, CancellationToken cancellationToken = default);
}
