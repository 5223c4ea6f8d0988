using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

/// <summary>A hand-written SMS sender that keeps messages in memory and can be told to fail.</summary>
internal sealed partial class RecordingSmsSender : ISmsSender
{
    private readonly ConcurrentQueue<SmsMessage> _messages = new();

    public string Provider => "recording";

    public IReadOnlyList<SmsMessage> Messages => [.. _messages];

    /// <summary>Gets or sets an exception to throw instead of sending.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Gets the six-digit code of the last message.</summary>
    public string LastCode => CodeOf(Messages[^1]);

    public static string CodeOf(SmsMessage message) => SixDigits().Match(message.Body) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException("The message carries no six-digit code.");

    public Task<SmsDeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        _messages.Enqueue(message);
        return Task.FromResult(new SmsDeliveryResult(Provider, "SM" + _messages.Count, "queued"));
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();
}
