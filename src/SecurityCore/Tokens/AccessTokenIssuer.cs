using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jose;
using Base64Url = System.Buffers.Text.Base64Url;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Issues RFC 9068 access tokens signed with the ring's active key.</summary>
/// <remarks>
/// The payload is written with <see cref="Utf8JsonWriter"/>; ES256, RS256 and PS256 signatures come from jose-jwt's
/// <see cref="IJwsAlgorithm"/> implementations, HS256 from the key's cached HMAC context. By default the compact serialization is assembled here in one pass, byte for byte what
/// <c>JWT.EncodeBytes</c> produces (a test holds them equal): jose-jwt's own serialization base64-encodes the payload
/// twice through strings and costs about 16 KB of garbage and several microseconds per token, more than the whole
/// HS256 budget. <see cref="UseJoseEncode"/> switches to <c>JWT.EncodeBytes</c> itself (tests and benchmarks).
/// </remarks>
internal sealed class AccessTokenIssuer(SigningKeyService keys, IOptions<TokenOptions> options, TimeProvider timeProvider) : IAccessTokenIssuer
{
    private const int TokenIdBytes = 16;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TokenOptions _options = options.Value;
    private readonly JwtSettings _joseSettings = new JwtSettings()
        .RegisterMapper(new JoseHeaderMapper())
        .RegisterJws(JwsAlgorithm.HS256, new HmacSha256Signer());
    private readonly long _lifetimeSeconds = (long)options.Value.AccessTokenLifetime.TotalSeconds;

    /// <summary>Gets or sets whether tokens are serialized by jose-jwt's <c>JWT.EncodeBytes</c> instead of in one pass here.</summary>
    internal bool UseJoseEncode { get; set; }

    /// <inheritdoc />
    public IssuedAccessToken Issue(AccessTokenDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Require(descriptor.Subject, nameof(descriptor.Subject));
        Require(descriptor.ClientId, nameof(descriptor.ClientId));
        Require(descriptor.SessionId, nameof(descriptor.SessionId));

        var key = keys.GetActiveKey().Material;
        var issuedAt = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = issuedAt + _lifetimeSeconds;
        var tokenId = NewTokenId();

        var payload = new ArrayBufferWriter<byte>(512);
        WritePayload(payload, descriptor, tokenId, issuedAt, expiresAt);
        var token = Encode(payload.WrittenSpan, key);
        return new IssuedAccessToken(token, tokenId, key.KeyId, DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt));
    }

    /// <summary>Creates a random 128-bit token id, base64url.</summary>
    internal static string NewTokenId()
    {
        Span<byte> bytes = stackalloc byte[TokenIdBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Signs <paramref name="payload"/> (UTF-8 JSON) with <paramref name="key"/> into a compact JWS.</summary>
    internal string Encode(ReadOnlySpan<byte> payload, SigningKeyMaterial key)
    {
        if (UseJoseEncode)
        {
            return JWT.EncodeBytes(payload.ToArray(), key.JoseKey, key.JoseAlgorithm, key.JoseHeaders, _joseSettings);
        }

        var header = key.HeaderSegment;
        var inputLength = header.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var signingInput = new byte[inputLength];
        header.CopyTo(signingInput, 0);
        signingInput[header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, signingInput.AsSpan(header.Length + 1));

        // ECDSA and RSA sign through jose-jwt's JWS algorithms; HS256 through the key's cached HMAC context.
        var signature = key.IsSymmetric ? key.Sign(signingInput) : _joseSettings.Jws(key.Algorithm).Sign(signingInput, key.JoseKey);
        return string.Create(inputLength + 1 + Base64Url.GetEncodedLength(signature.Length), (signingInput, signature), static (chars, state) =>
        {
            var (input, sig) = state;
            System.Text.Ascii.ToUtf16(input, chars, out _);
            chars[input.Length] = '.';
            Base64Url.EncodeToChars(sig, chars[(input.Length + 1)..]);
        });
    }

    private void WritePayload(ArrayBufferWriter<byte> buffer, AccessTokenDescriptor d, string tokenId, long issuedAt, long expiresAt)
    {
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("iss"u8, _options.Issuer);
            writer.WriteString("sub"u8, d.Subject);
            writer.WriteString("aud"u8, _options.Audience);
            writer.WriteNumber("exp"u8, expiresAt);
            writer.WriteNumber("nbf"u8, issuedAt);
            writer.WriteNumber("iat"u8, issuedAt);
            writer.WriteString("jti"u8, tokenId);
            writer.WriteString("client_id"u8, d.ClientId);
            writer.WriteString("scope"u8, JoinScopes(d.Scopes));
            WriteArray(writer, "roles"u8, d.Roles);
            writer.WriteString("sid"u8, d.SessionId);
            WriteArray(writer, "amr"u8, d.AuthenticationMethods);
            writer.WriteNumber("auth_time"u8, d.AuthTime.ToUnixTimeSeconds());
            writer.WriteEndObject();
        }
    }

    private static string JoinScopes(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (!ScopeParser.IsValidScopeToken(scope))
            {
                throw new SecurityException(SecurityErrorCodes.InvalidScope, "A scope is empty or contains characters RFC 6749 does not allow.");
            }
        }

        return scopes.Count switch
        {
            0 => "",
            1 => scopes[0],
            _ => string.Join(' ', scopes),
        };
    }

    private static void WriteArray(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SecurityException(SecurityErrorCodes.ValidationFailed, $"The access token descriptor's {name} is required.");
        }
    }
}
