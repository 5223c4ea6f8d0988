using System.Security.Cryptography;
using System.Text.Json;
using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Logging;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// The development SMS adapter: appends each message as one JSON line (<c>id</c>, <c>sent_at</c>, <c>to</c>, <c>body</c>)
/// to <c>&lt;data-dir&gt;/sms-outbox.jsonl</c>, created with mode 0600, so a developer can read the code there.
/// </summary>
/// <remarks>The file holds live codes: it is meant for development only, which the first message logs as a warning.</remarks>
internal sealed partial class OutboxSmsSender(DataDirectoryLock directory, TimeProvider time, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    /// <summary>The outbox file name inside the data directory.</summary>
    public const string FileName = "sms-outbox.jsonl";

    private readonly Lock _gate = new();
    private bool _warned;

    /// <inheritdoc />
    public string Provider => SmsProviders.Outbox;

    /// <summary>Gets the full path of the outbox file.</summary>
    public string FilePath => directory.GetFilePath(FileName);

    /// <inheritdoc />
    public Task<SmsDeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var id = "outbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var line = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["id"] = id,
            ["sent_at"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = message.To,
            ["body"] = message.Body,
        });

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataDirectory.PrivateFileMode;
        }

        try
        {
            lock (_gate)
            {
                using (var stream = new FileStream(FilePath, options))
                {
                    stream.Write(line);
                    stream.Write("\n"u8);
                    stream.Flush(flushToDisk: true);
                }

                if (!_warned)
                {
                    _warned = true;
                    LogDevelopmentOutbox(logger, FilePath);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityException(SecurityErrorCodes.SmsDeliveryFailed, $"The SMS outbox '{FilePath}' cannot be written: {ex.Message}");
        }

        return Task.FromResult(new SmsDeliveryResult(SmsProviders.Outbox, id, "written"));
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning,
        Message = "SMS messages are written to the development outbox {OutboxPath}, not sent; set TwoFactor:Sms:Provider=twilio for real delivery")]
    private static partial void LogDevelopmentOutbox(ILogger logger, string outboxPath);
}
