using System.Text;
using System.Text.Json;

namespace McpSecurity.SecurityCore.Tokens;

internal sealed partial class AccessTokenValidator
{
    /// <summary>The longest <c>kid</c> looked up; ring ids are 22 characters.</summary>
    internal const int MaxKeyIdChars = 128;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Reads the header; returns a failure or null when alg, crit, typ and kid are acceptable.</summary>
    /// <remarks>Header members that name keys by URL or embed them (<c>jku</c>, <c>jwk</c>, <c>x5u</c>, <c>x5c</c>) are
    /// ignored: the key is only ever found by <c>kid</c> in our own ring.</remarks>
    private static TokenValidationResult? ReadHeader(ReadOnlySpan<byte> json, Span<char> keyId, out string algorithm, out int keyIdLength)
    {
        algorithm = "";
        keyIdLength = 0;
        string? allowed = null;
        var algorithmSeen = false;
        var typeSeen = false;
        var typeOk = false;
        var critical = false;
        var keyIdSeen = false;
        var keyIdTooLong = false;

        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Failures.HeaderNotObject;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (algorithmSeen || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return Failures.HeaderBadMember;
                    }

                    algorithmSeen = true;
                    allowed = reader.ValueTextEquals("ES256"u8) ? JwsAlgorithmNames.ES256
                        : reader.ValueTextEquals("RS256"u8) ? JwsAlgorithmNames.RS256
                        : reader.ValueTextEquals("PS256"u8) ? JwsAlgorithmNames.PS256
                        : reader.ValueTextEquals("HS256"u8) ? JwsAlgorithmNames.HS256
                        : null;
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (keyIdSeen || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return Failures.HeaderBadMember;
                    }

                    keyIdSeen = true;
                    var raw = reader.HasValueSequence ? default : reader.ValueSpan;
                    if (raw.Length > keyId.Length || (reader.ValueIsEscaped && reader.ValueSpan.Length > keyId.Length))
                    {
                        keyIdTooLong = true;
                    }
                    else
                    {
                        keyIdLength = reader.ValueIsEscaped
                            ? reader.CopyString(keyId)
                            : Encoding.UTF8.GetChars(raw, keyId);
                    }
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    if (typeSeen || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return Failures.HeaderBadMember;
                    }

                    typeSeen = true;
                    typeOk = reader.ValueTextEquals("at+jwt"u8)
                        || reader.ValueTextEquals("application/at+jwt"u8)
                        || IsAccessTokenTypeIgnoringCase(reader.GetString());
                }
                else if (reader.ValueTextEquals("crit"u8))
                {
                    if (critical)
                    {
                        return Failures.HeaderBadMember;
                    }

                    // No extension is understood here, so any crit (even an empty one, which RFC 7515 forbids) is refused.
                    critical = true;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Failures.HeaderNotObject;
            }
        }
        catch (JsonException)
        {
            return Failures.HeaderNotJson;
        }
        catch (InvalidOperationException)
        {
            return Failures.HeaderNotJson;
        }

        if (allowed is null)
        {
            return algorithmSeen ? Failures.AlgorithmNotAllowed : Failures.AlgorithmMissing;
        }

        if (critical)
        {
            return Failures.UnsupportedCritical;
        }

        if (!typeOk)
        {
            return Failures.BadType;
        }

        if (!keyIdSeen || keyIdLength == 0 || keyIdTooLong)
        {
            return keyIdTooLong ? Failures.UnknownKey : Failures.KeyIdMissing;
        }

        algorithm = allowed;
        return null;
    }

    private static bool IsAccessTokenTypeIgnoringCase(string? type) =>
        string.Equals(type, AccessTokenType, StringComparison.OrdinalIgnoreCase)
        || string.Equals(type, "application/" + AccessTokenType, StringComparison.OrdinalIgnoreCase);
}
