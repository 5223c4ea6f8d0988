namespace McpSecurity.Server.Hosting;

/// <summary>Whether first-run initialisation (store open, key ring and administrator in place) has completed.</summary>
internal sealed class ReadinessState
{
    private volatile bool _initialized;

    /// <summary>Gets whether initialisation completed.</summary>
    public bool Initialized => _initialized;

    /// <summary>Records that initialisation completed.</summary>
    public void MarkInitialized() => _initialized = true;
}
