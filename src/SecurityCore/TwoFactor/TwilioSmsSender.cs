using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>
/// Sends SMS through Twilio's Messages API or anything that speaks it:
/// <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c> with HTTP basic auth (account SID and auth token)
/// and the form fields <c>To</c>, <c>From</c>, <c>Body</c>.
/// </summary>
/// <remarks>
/// A refusal becomes <see cref="SecurityErrorCodes.SmsDeliveryFailed"/> carrying Twilio's numeric error code and the HTTP
/// status only: Twilio's message text may repeat the phone number, and neither the auth token nor the message body
/// (which holds the code) ever reaches an error or a log line.
/// </remarks>
internal sealed partial class TwilioSmsSender(IHttpClientFactory httpClientFactory, IOptions<TwoFactorOptions> options, ILogger<TwilioSmsSender> logger)
    : ISmsSender
{
    /// <summary>The name of the <see cref="HttpClient"/> this sender asks the factory for.</summary>
    public const string HttpClientName = "McpSecurity.TwoFactor.Twilio";

    /// <inheritdoc />
    public string Provider => SmsProviders.Twilio;

    /// <summary>Returns whether <paramref name="accountSid"/> is <c>AC</c> followed by 32 hexadecimal digits.</summary>
    public static bool IsValidAccountSid(string accountSid) => AccountSidPattern().IsMatch(accountSid);

    /// <inheritdoc />
    public async Task<SmsDeliveryResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var twilio = options.Value.Sms.Twilio;
        if (twilio.AccountSid is not { } accountSid || !IsValidAccountSid(accountSid) || string.IsNullOrEmpty(twilio.AuthToken) || string.IsNullOrEmpty(twilio.From))
        {
            throw new SecurityException(SecurityErrorCodes.SmsDeliveryFailed,
                "The SMS provider is not configured: set TwoFactor:Sms:Twilio:AccountSid, AuthToken and From.");
        }

        var endpoint = new Uri(new Uri(twilio.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute), $"2010-04-01/Accounts/{accountSid}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("To", message.To),
                new KeyValuePair<string, string>("From", twilio.From),
                new KeyValuePair<string, string>("Body", message.Body),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{twilio.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, endpoint.GetLeftPart(UriPartial.Authority), ex.GetType().Name);
            throw new SecurityException(SecurityErrorCodes.SmsDeliveryFailed, "The SMS provider could not be reached; try again later.",
                new Dictionary<string, object?> { ["provider"] = SmsProviders.Twilio });
        }

        using (response)
        {
            var answer = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var sid = answer.GetString("sid");
                var messageStatus = answer.GetString("status");
                LogAccepted(logger, sid, messageStatus, status);
                return new SmsDeliveryResult(SmsProviders.Twilio, sid, messageStatus);
            }

            var errorCode = answer.GetInt("code");
            LogRefused(logger, status, errorCode);
            var providerCode = errorCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "none";
            throw new SecurityException(SecurityErrorCodes.SmsDeliveryFailed,
                $"The SMS provider refused the message (HTTP {status.ToString(CultureInfo.InvariantCulture)}, provider error {providerCode}).",
                new Dictionary<string, object?> { ["provider"] = SmsProviders.Twilio, ["http_status"] = status, ["provider_error_code"] = errorCode });
        }
    }

    private static async Task<JsonAnswer> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length is 0 or > 64 * 1024)
            {
                return default;
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            return new JsonAnswer(document.RootElement.Clone());
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException)
        {
            // An unreadable answer still has its status code, which decides alone.
            return default;
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSidPattern();

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "SMS accepted by the provider: sid={MessageSid} status={MessageStatus} http={HttpStatus}")]
    private static partial void LogAccepted(ILogger logger, string? messageSid, string? messageStatus, int httpStatus);

    [LoggerMessage(EventId = 2311, Level = LogLevel.Warning, Message = "SMS refused by the provider: http={HttpStatus} provider_error={ProviderErrorCode}")]
    private static partial void LogRefused(ILogger logger, int httpStatus, int? providerErrorCode);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Warning, Message = "SMS provider at {ProviderAuthority} could not be reached ({ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, string providerAuthority, string errorType);

    private readonly record struct JsonAnswer(JsonElement? Root)
    {
        public string? GetString(string name) =>
            Root is { } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public int? GetInt(string name) =>
            Root is { } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
    }
}
