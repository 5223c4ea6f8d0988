using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jose;
using Base64Url = System.Buffers.Text.Base64Url;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Issues RFC 9068 access tokens with jose-jwt, signed by the ring's active key.</summary>
/// <remarks>The payload is written with <see cref="Utf8JsonWriter"/> and handed to jose-jwt as a string, so jose-jwt's
/// reflection-based JSON mapper only ever serializes the three-member header.</remarks>
internal sealed class AccessTokenIssuer(SigningKeyService keys, IOptions<TokenOptions> options, TimeProvider timeProvider) : IAccessTokenIssuer
{
    private const int TokenIdBytes = 16;
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TokenOptions _options = options.Value;
    private readonly long _lifetimeSeconds = (long)options.Value.AccessTokenLifetime.TotalSeconds;

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

        var payload = WritePayload(descriptor, tokenId, issuedAt, expiresAt);
        var token = JWT.Encode(payload, key.JoseKey, key.JoseAlgorithm, key.JoseHeaders);
        return new IssuedAccessToken(token, tokenId, key.KeyId, DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt));
    }

    /// <summary>Creates a random 128-bit token id, base64url.</summary>
    internal static string NewTokenId()
    {
        Span<byte> bytes = stackalloc byte[TokenIdBytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    private string WritePayload(AccessTokenDescriptor d, string tokenId, long issuedAt, long expiresAt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
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

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
