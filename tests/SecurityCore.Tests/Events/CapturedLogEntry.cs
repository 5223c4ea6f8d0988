using Microsoft.Extensions.Logging;

namespace McpSecurity.Tests.SecurityCore.Events;

/// <summary>One captured log entry.</summary>
internal sealed record CapturedLogEntry(LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Values, string? Exception);
