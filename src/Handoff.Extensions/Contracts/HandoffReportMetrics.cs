using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The work figures of a report; every figure is at least 0.</summary>
public sealed class HandoffReportMetrics
{
    /// <summary>Gets or sets the number of tasks completed.</summary>
    public long TasksCompleted { get; set; }

    /// <summary>Gets or sets the number of tasks failed.</summary>
    public long TasksFailed { get; set; }

    /// <summary>Gets or sets the number of API calls made.</summary>
    public long ApiCallsMade { get; set; }

    /// <summary>Gets or sets the number of external service calls.</summary>
    public long ExternalServiceCalls { get; set; }

    /// <summary>Gets or sets the number of errors encountered.</summary>
    public long ErrorsEncountered { get; set; }

    /// <summary>Gets or sets the number of warnings generated.</summary>
    public long WarningsGenerated { get; set; }

    /// <summary>Gets or sets the number of retry attempts.</summary>
    public long RetryAttempts { get; set; }

    /// <summary>Gets or sets the number of circuit breaker activations.</summary>
    public long CircuitBreakerActivations { get; set; }

    /// <summary>Gets or sets the average task duration in seconds.</summary>
    public double? AverageTaskDurationSeconds { get; set; }

    /// <summary>Gets or sets the total processing time in seconds.</summary>
    public double? TotalProcessingTimeSeconds { get; set; }

    /// <summary>Gets or sets the peak memory use in MB.</summary>
    public double? MemoryUsagePeakMb { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
