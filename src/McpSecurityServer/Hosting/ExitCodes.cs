namespace McpSecurity.Server.Hosting;

/// <summary>Process exit codes of the server and its verbs.</summary>
internal static class ExitCodes
{
    /// <summary>The verb completed.</summary>
    public const int Success = 0;
    /// <summary>The verb was refused (for example a taken client id) or failed.</summary>
    public const int Failed = 1;
    /// <summary>The configuration is invalid (unknown key, bad value, broken rule).</summary>
    public const int InvalidConfiguration = 2;
    /// <summary>Another process holds the data directory.</summary>
    public const int DataDirectoryInUse = 3;
    /// <summary>The HTTP listener could not start (for example its port is taken) in <c>serve</c> mode.</summary>
    public const int ListenerFailed = 4;
    /// <summary><c>audit verify</c> found the audit trail changed, cut or unreadable.</summary>
    public const int AuditVerificationFailed = 5;
}
