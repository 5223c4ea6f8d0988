using System.Text.Json;

namespace McpSecurity.SecurityCore.Tokens;

internal sealed partial class AccessTokenValidator
{
    /// <summary>The largest NumericDate accepted (9999-12-31T23:59:59Z); anything larger cannot be a real instant.</summary>
    private const long MaxNumericDate = 253_402_300_799;

    /// <summary>Reads the payload claims; returns a failure or null. Unknown claims are skipped.</summary>
    private TokenValidationResult? ReadClaims(ReadOnlySpan<byte> json, out TokenClaims claims)
    {
        claims = default;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Failures.PayloadNotObject;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var claim = Identify(ref reader);
                if (claim == ClaimFlags.None)
                {
                    reader.Skip();
                    continue;
                }

                if ((claims.Seen & claim) != 0)
                {
                    return Failures.DuplicateClaim;
                }

                claims.Seen |= claim;
                reader.Read();
                var ok = claim switch
                {
                    ClaimFlags.Issuer => ReadIssuer(ref reader, ref claims),
                    ClaimFlags.Audience => ReadAudience(ref reader, ref claims),
                    ClaimFlags.Subject => TryReadString(ref reader, out claims.Subject),
                    ClaimFlags.TokenId => TryReadString(ref reader, out claims.TokenId),
                    ClaimFlags.ClientId => TryReadString(ref reader, out claims.ClientId),
                    ClaimFlags.SessionId => TryReadString(ref reader, out claims.SessionId),
                    ClaimFlags.ExpiresAt => TryReadNumericDate(ref reader, out claims.ExpiresAt),
                    ClaimFlags.NotBefore => TryReadNumericDate(ref reader, out claims.NotBefore),
                    ClaimFlags.IssuedAt => TryReadNumericDate(ref reader, out claims.IssuedAt),
                    ClaimFlags.AuthTime => TryReadNumericDate(ref reader, out claims.AuthTime),
                    ClaimFlags.Scope => TryReadScope(ref reader, out claims.Scopes),
                    ClaimFlags.Roles => TryReadStringArray(ref reader, out claims.Roles),
                    _ => TryReadStringArray(ref reader, out claims.AuthenticationMethods),
                };
                if (!ok)
                {
                    return Failures.ClaimWrongType;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Failures.PayloadNotObject;
            }
        }
        catch (JsonException)
        {
            return Failures.PayloadNotJson;
        }
        catch (InvalidOperationException)
        {
            return Failures.PayloadNotJson;
        }

        return null;
    }

    private static ClaimFlags Identify(ref Utf8JsonReader reader) => reader.ValueSpan.Length switch
    {
        3 when !reader.ValueIsEscaped => reader.ValueSpan switch
        {
            var n when n.SequenceEqual("iss"u8) => ClaimFlags.Issuer,
            var n when n.SequenceEqual("sub"u8) => ClaimFlags.Subject,
            var n when n.SequenceEqual("aud"u8) => ClaimFlags.Audience,
            var n when n.SequenceEqual("exp"u8) => ClaimFlags.ExpiresAt,
            var n when n.SequenceEqual("nbf"u8) => ClaimFlags.NotBefore,
            var n when n.SequenceEqual("iat"u8) => ClaimFlags.IssuedAt,
            var n when n.SequenceEqual("jti"u8) => ClaimFlags.TokenId,
            var n when n.SequenceEqual("sid"u8) => ClaimFlags.SessionId,
            var n when n.SequenceEqual("amr"u8) => ClaimFlags.AuthenticationMethods,
            _ => ClaimFlags.None,
        },
        _ => reader.ValueTextEquals("client_id"u8) ? ClaimFlags.ClientId
            : reader.ValueTextEquals("scope"u8) ? ClaimFlags.Scope
            : reader.ValueTextEquals("roles"u8) ? ClaimFlags.Roles
            : reader.ValueTextEquals("auth_time"u8) ? ClaimFlags.AuthTime
            : reader.ValueIsEscaped ? IdentifyEscaped(reader.GetString())
            : ClaimFlags.None,
    };

    // An escaped member name ("\u0069ss") still names the claim: it must not slip past the duplicate check.
    private static ClaimFlags IdentifyEscaped(string? name) => name switch
    {
        "iss" => ClaimFlags.Issuer,
        "sub" => ClaimFlags.Subject,
        "aud" => ClaimFlags.Audience,
        "exp" => ClaimFlags.ExpiresAt,
        "nbf" => ClaimFlags.NotBefore,
        "iat" => ClaimFlags.IssuedAt,
        "jti" => ClaimFlags.TokenId,
        "sid" => ClaimFlags.SessionId,
        "amr" => ClaimFlags.AuthenticationMethods,
        _ => ClaimFlags.None,
    };

    private bool ReadIssuer(ref Utf8JsonReader reader, ref TokenClaims claims)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        claims.IssuerMatches = reader.ValueTextEquals(_issuerUtf8);
        return true;
    }

    private bool ReadAudience(ref Utf8JsonReader reader, ref TokenClaims claims)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals(_audienceUtf8))
            {
                claims.AudienceMatches = true;
                claims.Audiences = _audienceOnly;
            }
            else
            {
                claims.Audiences = [reader.GetString()!];
            }

            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var audiences = new List<string>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            if (reader.ValueTextEquals(_audienceUtf8))
            {
                claims.AudienceMatches = true;
                audiences.Add(_audience);
            }
            else
            {
                audiences.Add(reader.GetString()!);
            }
        }

        claims.Audiences = audiences;
        return true;
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string value)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = "";
            return false;
        }

        value = reader.GetString()!;
        return value.Length > 0;
    }

    private static bool TryReadNumericDate(ref Utf8JsonReader reader, out long seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (!reader.TryGetInt64(out seconds))
        {
            // RFC 7519 allows non-integer NumericDate values; whole seconds are enough for every rule here.
            if (!reader.TryGetDouble(out var value) || !double.IsFinite(value) || value < 0 || value > MaxNumericDate)
            {
                return false;
            }

            seconds = (long)Math.Floor(value);
        }

        return seconds is >= 0 and <= MaxNumericDate;
    }

    private static bool TryReadScope(ref Utf8JsonReader reader, out IReadOnlyList<string> scopes)
    {
        scopes = [];
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueSpan.IsEmpty)
        {
            return true;
        }

        var text = reader.GetString()!;
        scopes = text.Contains(' ', StringComparison.Ordinal)
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [text];
        return true;
    }

    private static bool TryReadStringArray(ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        values = [];
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        List<string>? list = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            (list ??= new List<string>(2)).Add(reader.GetString()!);
        }

        if (list is not null)
        {
            values = list;
        }

        return true;
    }
}
