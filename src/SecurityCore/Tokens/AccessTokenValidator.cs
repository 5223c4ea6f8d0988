using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// Validates access tokens in this order: size and shape (before any parsing), header (alg allow-list, crit, typ,
/// kid, alg equal to the key's), signature, claims (iss, aud, exp/nbf/iat with skew, required claims), revocation.
/// </summary>
/// <remarks>
/// Successful results are cached in a bounded <see cref="MemoryCache"/> keyed by the token's SHA-256, for at most
/// <see cref="TokenOptions.ValidationCacheLifetime"/> and never past <c>exp</c>; the revocation check runs on every
/// call, cached or not. The hot path works on spans and <see cref="System.Text.Json.Utf8JsonReader"/> and verifies
/// with the ring's cached key objects directly (jose-jwt's decoder re-imports nothing, but allocates a dictionary per
/// header and a string per segment, which costs more than the ES256 verification budget allows).
/// </remarks>
internal sealed partial class AccessTokenValidator : IAccessTokenValidator, IDisposable
{
    /// <summary>The required <c>typ</c> (RFC 9068 section 2.1).</summary>
    internal const string AccessTokenType = "at+jwt";

    /// <summary>The largest token accepted, checked before anything is parsed.</summary>
    internal const int MaxTokenLength = 8 * 1024;

    private const int StackBufferBytes = 1024;
    private const int MaxSignatureBytes = 512;

    private static readonly SearchValues<char> CompactChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly SigningKeyService _keys;
    private readonly ITokenRevocationService _revocations;
    private readonly Identity.SessionTracker? _sessions;
    private readonly TimeProvider _timeProvider;
    private readonly TokenEventPublisher _events;
    private readonly ILogger<AccessTokenValidator> _logger;
    private readonly MemoryCache _cache;
    private readonly string _issuer;
    private readonly byte[] _issuerUtf8;
    private readonly string _audience;
    private readonly byte[] _audienceUtf8;
    private readonly string[] _audienceOnly;
    private readonly long _skewMs;
    private readonly TimeSpan _cacheLifetime;
    private readonly ThreadLocal<IncrementalHash> _sha256 = new(() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    public AccessTokenValidator(
        SigningKeyService keys,
        ITokenRevocationService revocations,
        IOptions<TokenOptions> options,
        TokenEventPublisher events,
        TimeProvider timeProvider,
        ILogger<AccessTokenValidator> logger,
        Identity.SessionTracker? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _keys = keys;
        _revocations = revocations;
        _sessions = sessions;
        _timeProvider = timeProvider;
        _events = events;
        _logger = logger;
        _issuer = o.Issuer;
        _issuerUtf8 = Encoding.UTF8.GetBytes(o.Issuer);
        _audience = o.Audience;
        _audienceUtf8 = Encoding.UTF8.GetBytes(o.Audience);
        _audienceOnly = [o.Audience];
        _skewMs = (long)o.ClockSkew.TotalMilliseconds;
        _cacheLifetime = o.ValidationCacheLifetime;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = o.ValidationCacheSize,
            Clock = new TimeProviderClock(timeProvider),
            ExpirationScanFrequency = o.ValidationCacheLifetime,
        });
    }

    /// <summary>Gets or sets whether successful results are cached (the benchmarks turn it off to measure a miss).</summary>
    internal bool CacheEnabled { get; set; } = true;

    /// <inheritdoc />
    public TokenValidationResult Validate(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Refuse(Failures.Empty, default);
        }

        // Refuse before parsing anything: size, then exactly three segments of the base64url alphabet.
        if (token.Length > MaxTokenLength)
        {
            return Refuse(Failures.Oversized, default);
        }

        var dot1 = token.IndexOf('.');
        var dot2 = dot1 < 0 ? -1 : token.IndexOf('.', dot1 + 1);
        if (dot2 < 0 || token.IndexOf('.', dot2 + 1) >= 0)
        {
            return Refuse(Failures.NotThreeSegments, default);
        }

        if (token.AsSpan().ContainsAnyExcept(CompactChars))
        {
            return Refuse(Failures.NotBase64Url, default);
        }

        byte[]? rented = null;
        Span<byte> ascii = token.Length <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            ascii = ascii[..token.Length];
            // Cannot fail: every char was checked to be in the base64url alphabet or a dot.
            System.Text.Ascii.FromUtf16(token, ascii, out _);

            // One SHA-256 pass yields both the signing input's digest (for ECDSA/RSA) and the token's (the cache key).
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> signingInputHash = stackalloc byte[SHA256.HashSizeInBytes];
            var sha256 = _sha256.Value!;
            sha256.AppendData(ascii[..dot2]);
            sha256.GetCurrentHash(signingInputHash);
            sha256.AppendData(ascii[dot2..]);
            sha256.GetHashAndReset(hash);
            var key = new TokenCacheKey(hash);
            var now = _timeProvider.GetUtcNow();

            if (CacheEnabled && _cache.TryGetValue(key, out var hit) && hit is CachedValidation cached)
            {
                // The cache's own clock is the same TimeProvider; checking again keeps the rule local and exact.
                if (now < cached.ValidUntil)
                {
                    return CheckRevocation(cached.Result, hash);
                }

                _cache.Remove(key);
            }

            var result = ValidateCore(ascii, signingInputHash, dot1, dot2, now, out var expiresAt);
            if (!result.IsValid)
            {
                return Refuse(result, hash);
            }

            if (CacheEnabled)
            {
                var validUntil = now + _cacheLifetime;
                if (expiresAt < validUntil)
                {
                    validUntil = expiresAt;
                }

                using var entry = _cache.CreateEntry(key);
                entry.Value = new CachedValidation(result, validUntil);
                entry.Size = 1;
                entry.AbsoluteExpiration = validUntil;
            }

            return CheckRevocation(result, hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cache.Dispose();
        _sha256.Dispose();
    }

    /// <summary>Gets how many results are cached (tests).</summary>
    internal int CachedCount => _cache.Count;

    private TokenValidationResult CheckRevocation(TokenValidationResult result, ReadOnlySpan<byte> hash)
    {
        var token = result.Token!;
        if (_revocations.IsRevoked(token))
        {
            return Refuse(Failures.Revoked, hash, token);
        }

        // The session's end and idle timeout are checked (and its activity recorded) on every call, cached or not.
        return _sessions?.Check(token) is { } ended ? Refuse(ended, hash, token) : result;
    }

    private TokenValidationResult ValidateCore(ReadOnlySpan<byte> ascii, ReadOnlySpan<byte> signingInputHash, int dot1, int dot2, DateTimeOffset now, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        var headerB64 = ascii[..dot1];
        var payloadB64 = ascii[(dot1 + 1)..dot2];
        var signatureB64 = ascii[(dot2 + 1)..];
        if (headerB64.IsEmpty || payloadB64.IsEmpty)
        {
            return Failures.EmptySegment;
        }

        if (!IsCanonicalBase64UrlLength(headerB64) || !IsCanonicalBase64UrlLength(payloadB64) || !IsCanonicalBase64UrlLength(signatureB64))
        {
            return Failures.NotBase64Url;
        }

        var headerMax = Base64Url.GetMaxDecodedLength(headerB64.Length);
        var payloadMax = Base64Url.GetMaxDecodedLength(payloadB64.Length);
        var needed = headerMax + payloadMax;
        byte[]? rented = null;
        Span<byte> buffer = needed <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(needed));
        try
        {
            if (!Base64Url.TryDecodeFromUtf8(headerB64, buffer[..headerMax], out var headerLength))
            {
                return Failures.NotBase64Url;
            }

            Span<char> keyId = stackalloc char[MaxKeyIdChars];
            var headerResult = ReadHeader(buffer[..headerLength], keyId, out var algorithm, out var keyIdLength);
            if (headerResult is not null)
            {
                return headerResult;
            }

            var ring = _keys.Ring;
            if (!ring.TryGet(keyId[..keyIdLength], out var key))
            {
                return Failures.UnknownKey;
            }

            // Never let the token pick how a key is used: an HS256 header against an ECDSA or RSA key id is refused
            // here, so a public key can never become an HMAC secret.
            if (!string.Equals(algorithm, key.Material.Algorithm, StringComparison.Ordinal))
            {
                return Failures.AlgorithmKeyMismatch;
            }

            if (key.VerifyUntil is { } verifyUntil && now > verifyUntil)
            {
                return Failures.KeyNoLongerVerifies;
            }

            Span<byte> signature = stackalloc byte[MaxSignatureBytes];
            if (Base64Url.GetMaxDecodedLength(signatureB64.Length) > MaxSignatureBytes)
            {
                return Failures.BadSignature;
            }

            if (!Base64Url.TryDecodeFromUtf8(signatureB64, signature, out var signatureLength))
            {
                return Failures.NotBase64Url;
            }

            if (!key.Material.Verify(ascii[..dot2], signingInputHash, signature[..signatureLength]))
            {
                return Failures.BadSignature;
            }

            var payloadBuffer = buffer.Slice(headerMax, payloadMax);
            if (!Base64Url.TryDecodeFromUtf8(payloadB64, payloadBuffer, out var payloadLength))
            {
                return Failures.NotBase64Url;
            }

            var claimsResult = ReadClaims(payloadBuffer[..payloadLength], out var claims);
            if (claimsResult is not null)
            {
                return claimsResult;
            }

            var checkResult = CheckClaims(ref claims, key, now);
            if (checkResult is not null)
            {
                return checkResult;
            }

            // The revocation service refuses the key's tokens too; the ring's own flag covers the case where its
            // entry was swept while the key lingers.
            if (key.Revoked)
            {
                return Failures.Revoked;
            }

            expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt);
            return TokenValidationResult.Success(claims.ToValidatedToken(key.KeyId));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private TokenValidationResult? CheckClaims(ref TokenClaims claims, SigningKeyEntry key, DateTimeOffset now)
    {
        if (claims.FirstMissingRequired() is { } missing)
        {
            return missing;
        }

        if (!claims.IssuerMatches)
        {
            return Failures.BadIssuer;
        }

        if (!claims.AudienceMatches)
        {
            return Failures.BadAudience;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        if (nowMs >= (claims.ExpiresAt * 1000) + _skewMs)
        {
            return Failures.Expired;
        }

        if (claims.HasNotBefore && (claims.NotBefore * 1000) > nowMs + _skewMs)
        {
            return Failures.NotYetValid;
        }

        if ((claims.IssuedAt * 1000) > nowMs + _skewMs)
        {
            return Failures.IssuedInFuture;
        }

        // A retired key signs nothing: a token it "issued" later means the key leaked.
        if (key.RetiredAt is { } retiredAt && (claims.IssuedAt * 1000) > retiredAt.ToUnixTimeMilliseconds() + _skewMs)
        {
            return Failures.SignedAfterRetirement;
        }

        claims.Issuer = _issuer;
        claims.Audiences ??= _audienceOnly;
        return null;
    }

    /// <summary>Refuses: reports a security event (never the token, only a hash prefix) and returns the failure.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TokenValidationResult Refuse(TokenValidationResult failure, ReadOnlySpan<byte> hash, ValidatedToken? token = null)
    {
        var hashPrefix = hash.IsEmpty ? "" : Convert.ToHexStringLower(hash[..8]);
        LogRefused(_logger, failure.ErrorCode!, hashPrefix, token?.TokenId);
        _events.Publish(new SecurityEvent
        {
            Type = SecurityEventTypes.TokenValidationFailed,
            OccurredAt = _timeProvider.GetUtcNow(),
            Outcome = SecurityEventOutcomes.Failure,
            SubjectId = token?.Subject,
            ClientId = token?.ClientId,
            Target = token?.TokenId,
            ReasonCode = failure.ErrorCode,
            Details = hashPrefix.Length == 0
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["token_sha256_prefix"] = hashPrefix },
        });
        return failure;
    }

    /// <summary>Gets whether a base64url segment's length and last character are canonical (no stray bits).</summary>
    private static bool IsCanonicalBase64UrlLength(ReadOnlySpan<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return true;
        }

        var last = Base64UrlValue(segment[^1]);
        return (segment.Length % 4) switch
        {
            1 => false,
            2 => (last & 0x0F) == 0,
            3 => (last & 0x03) == 0,
            _ => true,
        };
    }

    private static int Base64UrlValue(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'-' => 62,
        _ => 63,
    };

    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Access token refused with {ErrorCode} (token sha256 prefix {TokenHashPrefix}, jti {TokenId})")]
    private static partial void LogRefused(ILogger logger, string errorCode, string tokenHashPrefix, string? tokenId);
}
