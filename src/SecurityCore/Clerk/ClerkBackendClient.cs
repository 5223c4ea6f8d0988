using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// The Clerk Backend API over HTTP: <c>GET {BackendApiBaseUrl}/v1/users/{id}</c> with <c>Authorization: Bearer {SecretKey}</c>.
/// </summary>
/// <remarks>The secret key goes only into that header; logs carry the user id, the status code and Clerk's error code.</remarks>
internal sealed partial class ClerkBackendClient(
    IHttpClientFactory httpClientFactory,
    IOptions<ClerkOptions> options,
    ILogger<ClerkBackendClient> logger) : IClerkBackendClient
{
    /// <summary>The largest user object read (Clerk caps each metadata object at 8 KiB).</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private readonly ClerkOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<ClerkUserFetch> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!ClerkUserParser.IsValidUserId(userId))
        {
            return Unavailable("The Clerk user id is not well-formed.");
        }

        if (string.IsNullOrEmpty(_options.SecretKey) || !Uri.TryCreate(_options.BackendApiBaseUrl.TrimEnd('/') + "/v1/users/" + Uri.EscapeDataString(userId), UriKind.Absolute, out var uri))
        {
            LogNotConfigured(logger);
            return Unavailable("The Clerk Backend API is not configured on this server.");
        }

        try
        {
            var client = httpClientFactory.CreateClient(ClerkServiceCollectionExtensions.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.SecretKey);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await ClerkHttp.ReadLimitedAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                LogUserNotFound(logger, userId, ClerkErrorCode(body));
                return new ClerkUserFetch(null, SecurityErrorCodes.ClerkUserNotFound, "Clerk does not know this user (it may have been deleted).");
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    LogSecretKeyRefused(logger, status, ClerkErrorCode(body));
                }
                else
                {
                    LogRequestFailed(logger, userId, "HTTP " + status + " " + ClerkErrorCode(body));
                }

                return Unavailable("The Clerk Backend API refused or failed the request.");
            }

            if (body is null)
            {
                LogRequestFailed(logger, userId, $"answer larger than {MaxResponseBytes} bytes");
                return Unavailable("The Clerk Backend API gave an unusable answer.");
            }

            using var document = JsonDocument.Parse(body);
            if (!ClerkUserParser.TryParse(document.RootElement, out var profile, out var error) || !string.Equals(profile.Id, userId, StringComparison.Ordinal))
            {
                LogRequestFailed(logger, userId, "unreadable user object: " + (error.Length > 0 ? error : "a different user id"));
                return Unavailable("The Clerk Backend API gave an unusable answer.");
            }

            return new ClerkUserFetch(profile, null, null);
        }
        catch (HttpRequestException ex)
        {
            LogRequestFailed(logger, userId, "unreachable: " + ex.HttpRequestError);
            return Unavailable("The Clerk Backend API could not be reached; try again shortly.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogRequestFailed(logger, userId, "timed out");
            return Unavailable("The Clerk Backend API did not answer in time; try again shortly.");
        }
        catch (JsonException)
        {
            LogRequestFailed(logger, userId, "answer is not JSON");
            return Unavailable("The Clerk Backend API gave an unusable answer.");
        }
    }

    /// <summary>Gets the first <c>errors[].code</c> of a Clerk error answer (for example <c>resource_not_found</c>), or "-".</summary>
    private static string ClerkErrorCode(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            return "-";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0 && errors[0].ValueKind == JsonValueKind.Object
                && errors[0].TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } text && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // An error answer that is not JSON has no code to report.
        }

        return "-";
    }

    private static ClerkUserFetch Unavailable(string message) => new(null, SecurityErrorCodes.ClerkUnavailable, message);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Clerk Backend API has no user {ClerkUserId} (error code {ClerkErrorCode})")]
    private static partial void LogUserNotFound(ILogger logger, string clerkUserId, string clerkErrorCode);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Error, Message = "Clerk Backend API refused the configured secret key (HTTP {StatusCode}, error code {ClerkErrorCode}); check Clerk:SecretKey")]
    private static partial void LogSecretKeyRefused(ILogger logger, int statusCode, string clerkErrorCode);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "Clerk Backend API request for user {ClerkUserId} failed: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, string clerkUserId, string reason);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Error, Message = "Clerk Backend API is not configured (Clerk:BackendApiBaseUrl and Clerk:SecretKey)")]
    private static partial void LogNotConfigured(ILogger logger);
}
