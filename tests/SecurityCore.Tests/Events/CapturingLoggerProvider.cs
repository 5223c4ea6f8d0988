using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpSecurity.Tests.SecurityCore.Events;

/// <summary>Captures every log entry (level, category, formatted message, structured values) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    /// <summary>Gets every message and structured value as one text, for "this secret never appears" checks.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Message + " | " + string.Join(", ", e.Values.Select(kv => $"{kv.Key}={kv.Value}")) + " | " + e.Exception));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string?>(StringComparer.Ordinal);
            entries.Enqueue(new CapturedLogEntry(logLevel, category, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
