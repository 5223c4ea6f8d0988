using System.Collections.Frozen;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Clerk;

/// <summary>
/// Clerk's signing keys from its JWKS (RSA, RS256 only): fetched over HTTP, cached for
/// <see cref="ClerkOptions.JwksCacheLifetime"/>, fetched again at most once per lookup when a <c>kid</c> is unknown (key
/// rotation), and never more often than <see cref="ClerkOptions.JwksMinimumRefreshInterval"/> whatever callers send.
/// </summary>
/// <remarks>When a refresh fails the keys fetched before stay in use, so a Clerk outage does not stop known keys verifying.</remarks>
internal sealed partial class ClerkJwksProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<ClerkOptions> options,
    TimeProvider time,
    ILogger<ClerkJwksProvider> logger) : IDisposable
{
    /// <summary>The largest JWKS document read (Clerk's holds one or two keys, well under 4 KiB).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    private const int MinModulusBits = 2048;
    private const int MaxModulusBits = 8192;
    private const int MaxKeyIdLength = 256;

    private readonly ClerkOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeySnapshot? _snapshot;
    private DateTimeOffset? _lastAttempt;

    private int _fetchCount;

    /// <summary>Gets how many JWKS fetches were attempted (for diagnostics and tests).</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>Finds the RSA public key named <paramref name="keyId"/>, fetching the JWKS when needed.</summary>
    public async Task<ClerkSigningKeyLookup> GetKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var snapshot = _snapshot;
        if (snapshot is not null && IsFresh(snapshot, time.GetUtcNow()) && snapshot.Keys.TryGetValue(keyId, out var cached))
        {
            return new ClerkSigningKeyLookup(cached, Unavailable: false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched while this one waited.
            snapshot = _snapshot;
            var now = time.GetUtcNow();
            var fresh = snapshot is not null && IsFresh(snapshot, now);
            if (fresh && snapshot!.Keys.TryGetValue(keyId, out cached))
            {
                return new ClerkSigningKeyLookup(cached, Unavailable: false);
            }

            var mayFetch = _lastAttempt is not { } last || now - last >= _options.JwksMinimumRefreshInterval;
            if (!mayFetch)
            {
                if (fresh)
                {
                    LogRefetchSuppressed(logger, keyId);
                }

                return FromStale(snapshot, keyId, fetchFailed: !fresh);
            }

            _lastAttempt = now;
            Interlocked.Increment(ref _fetchCount);
            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            if (fetched is null)
            {
                return FromStale(snapshot, keyId, fetchFailed: true);
            }

            _snapshot = new KeySnapshot(fetched, now);
            return fetched.TryGetValue(keyId, out var key)
                ? new ClerkSigningKeyLookup(key, Unavailable: false)
                : new ClerkSigningKeyLookup(null, Unavailable: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the fetch gate.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>Parses a JWKS document into its usable RSA signing keys; other keys are skipped and counted.</summary>
    internal static FrozenDictionary<string, RSAParameters> Parse(ReadOnlySpan<byte> document, out int skipped)
    {
        skipped = 0;
        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = 16 });
        using var json = JsonDocument.ParseValue(ref reader);
        if (json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The JWKS has no 'keys' array.");
        }

        foreach (var jwk in array.EnumerateArray())
        {
            if (TryReadRsaKey(jwk, out var keyId, out var parameters) && keys.TryAdd(keyId, parameters))
            {
                continue;
            }

            skipped++;
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool TryReadRsaKey(JsonElement jwk, out string keyId, out RSAParameters parameters)
    {
        keyId = string.Empty;
        parameters = default;
        if (jwk.ValueKind != JsonValueKind.Object
            || GetString(jwk, "kty") != "RSA"
            || GetString(jwk, "kid") is not { Length: > 0 and <= MaxKeyIdLength } kid
            || (jwk.TryGetProperty("use", out _) && GetString(jwk, "use") != "sig")
            || (jwk.TryGetProperty("alg", out _) && GetString(jwk, "alg") != ClerkSessionVerifier.Algorithm)
            || jwk.TryGetProperty("d", out _)
            || GetString(jwk, "n") is not { } n
            || GetString(jwk, "e") is not { } e)
        {
            return false;
        }

        try
        {
            var modulus = Base64UrlDecode(n).AsSpan().TrimStart((byte)0).ToArray();
            var exponent = Base64UrlDecode(e).AsSpan().TrimStart((byte)0).ToArray();
            var bits = modulus.Length * 8;
            if (bits is < MinModulusBits or > MaxModulusBits || exponent.Length is 0 or > 8)
            {
                return false;
            }

            parameters = new RSAParameters { Modulus = modulus, Exponent = exponent };
            using var rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            keyId = kid;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Base64UrlDecode(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private bool IsFresh(KeySnapshot snapshot, DateTimeOffset now) => now - snapshot.FetchedAt < _options.JwksCacheLifetime;

    private static ClerkSigningKeyLookup FromStale(KeySnapshot? snapshot, string keyId, bool fetchFailed)
    {
        if (snapshot is not null && snapshot.Keys.TryGetValue(keyId, out var stale))
        {
            return new ClerkSigningKeyLookup(stale, Unavailable: false);
        }

        // Without keys, or when a refresh failed, an unknown kid may be a rotation we could not see: say "unavailable".
        return new ClerkSigningKeyLookup(null, Unavailable: snapshot is null || fetchFailed);
    }

    private async Task<FrozenDictionary<string, RSAParameters>?> FetchAsync(CancellationToken cancellationToken)
    {
        var url = _options.EffectiveJwksUrl;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            LogJwksNotConfigured(logger);
            return null;
        }

        var where = uri.GetLeftPart(UriPartial.Path);
        try
        {
            var client = httpClientFactory.CreateClient(ClerkServiceCollectionExtensions.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogJwksFetchFailed(logger, where, "HTTP " + (int)response.StatusCode);
                return null;
            }

            var body = await ClerkHttp.ReadLimitedAsync(response.Content, MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                LogJwksFetchFailed(logger, where, $"larger than {MaxDocumentBytes} bytes");
                return null;
            }

            var keys = Parse(body, out var skipped);
            LogJwksFetched(logger, where, keys.Count, skipped);
            return keys;
        }
        catch (HttpRequestException ex)
        {
            LogJwksFetchFailed(logger, where, "unreachable: " + ex.HttpRequestError);
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogJwksFetchFailed(logger, where, "timed out");
            return null;
        }
        catch (JsonException)
        {
            LogJwksFetchFailed(logger, where, "not a JWKS document");
            return null;
        }
    }

    private sealed record KeySnapshot(FrozenDictionary<string, RSAParameters> Keys, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Clerk JWKS fetched from {JwksUrl}: {KeyCount} RS256 key(s), {SkippedCount} skipped")]
    private static partial void LogJwksFetched(ILogger logger, string jwksUrl, int keyCount, int skippedCount);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Clerk JWKS could not be fetched from {JwksUrl}: {Reason}; keys fetched before stay in use")]
    private static partial void LogJwksFetchFailed(ILogger logger, string jwksUrl, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Clerk JWKS not fetched again for unknown kid {KeyId}: the last fetch was too recent")]
    private static partial void LogRefetchSuppressed(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "Clerk JWKS URL is not configured (Clerk:Issuer or Clerk:JwksUrl)")]
    private static partial void LogJwksNotConfigured(ILogger logger);
}
