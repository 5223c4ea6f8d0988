namespace McpSecurity.SecurityCore.Storage;

/// <summary>Tells readiness probes whether the embedded store is open.</summary>
public interface IStoreHealth
{
    /// <summary>Gets whether the store is open and usable.</summary>
    bool IsOpen { get; }

    /// <summary>Gets the full path of the data directory the store lives in.</summary>
    string DataDirectory { get; }
}
