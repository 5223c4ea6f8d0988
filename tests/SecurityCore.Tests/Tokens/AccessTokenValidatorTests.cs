using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class AccessTokenValidatorTests
{
    public static TheoryData<string, string> Attacks => new()
    {
        { "alg none, empty signature", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "alg None (case variant)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "alg missing", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "alg HS512 (not on the allow-list)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the ES256 public key (SPKI DER)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the ES256 public key (PEM)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the ES256 public key (JWK JSON)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the ES256 public key (raw point)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the RSA public key (SPKI DER)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the RSA public key (PEM)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "HS256 signed with the RSA public key (PKCS#1 PEM)", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "RS256 header against the ES256 key id", SecurityErrorCodes.TokenAlgorithmNotAllowed },
        { "unknown kid", SecurityErrorCodes.TokenUnknownKey },
        { "missing kid", SecurityErrorCodes.TokenUnknownKey },
        { "tampered payload", SecurityErrorCodes.TokenBadSignature },
        { "tampered header", SecurityErrorCodes.TokenBadSignature },
        { "stripped signature", SecurityErrorCodes.TokenBadSignature },
        { "signature of another key under our kid", SecurityErrorCodes.TokenBadSignature },
        { "truncated signature", SecurityErrorCodes.TokenBadSignature },
        { "two segments", SecurityErrorCodes.TokenMalformed },
        { "five segments (JWE shape)", SecurityErrorCodes.TokenMalformed },
        { "expired", SecurityErrorCodes.TokenExpired },
        { "not yet valid (nbf)", SecurityErrorCodes.TokenNotYetValid },
        { "issued in the future (iat)", SecurityErrorCodes.TokenNotYetValid },
        { "wrong iss", SecurityErrorCodes.TokenBadIssuer },
        { "iss with a trailing slash", SecurityErrorCodes.TokenBadIssuer },
        { "wrong aud", SecurityErrorCodes.TokenBadAudience },
        { "aud array without ours", SecurityErrorCodes.TokenBadAudience },
        { "oversized (> 8 KiB)", SecurityErrorCodes.TokenMalformed },
        { "bad base64url (+ and /)", SecurityErrorCodes.TokenMalformed },
        { "bad base64url (padding)", SecurityErrorCodes.TokenMalformed },
        { "bad base64url (impossible length)", SecurityErrorCodes.TokenMalformed },
        { "bad base64url (stray trailing bits)", SecurityErrorCodes.TokenMalformed },
        { "header is not JSON", SecurityErrorCodes.TokenMalformed },
        { "payload is not JSON (validly signed)", SecurityErrorCodes.TokenMalformed },
        { "duplicate sub claim (validly signed)", SecurityErrorCodes.TokenMalformed },
        { "duplicate alg header", SecurityErrorCodes.TokenMalformed },
        { "unknown crit", SecurityErrorCodes.TokenUnsupportedCritical },
        { "crit naming a registered header", SecurityErrorCodes.TokenUnsupportedCritical },
        { "wrong typ (JWT)", SecurityErrorCodes.TokenBadType },
        { "missing typ", SecurityErrorCodes.TokenBadType },
        { "missing sub", SecurityErrorCodes.TokenMissingClaim },
        { "missing exp", SecurityErrorCodes.TokenMissingClaim },
        { "exp as a string", SecurityErrorCodes.TokenMissingClaim },
        { "empty token", SecurityErrorCodes.TokenMalformed },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Validate_Attack_IsRefusedWithTheRightCode(string attack, string expectedCode)
    {
        var algorithm = attack.Contains("RSA public key", StringComparison.Ordinal) ? JwsAlgorithmNames.RS256 : JwsAlgorithmNames.ES256;
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);
        var token = BuildAttack(attack, harness);

        var result = harness.Validator.Validate(token);

        Assert.False(result.IsValid, attack);
        Assert.Equal(expectedCode, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Validate_Attack_ReportsAnEventWithoutTheToken(string attack, string expectedCode)
    {
        var algorithm = attack.Contains("RSA public key", StringComparison.Ordinal) ? JwsAlgorithmNames.RS256 : JwsAlgorithmNames.ES256;
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);
        var token = BuildAttack(attack, harness);

        harness.Validator.Validate(token);

        var reported = Assert.Single(harness.Events.OfType(SecurityEventTypes.TokenValidationFailed));
        Assert.Equal(expectedCode, reported.ReasonCode);
        var serialized = JsonSerializer.Serialize(reported);
        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, serialized, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[0], serialized, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256)]
    [InlineData(JwsAlgorithmNames.RS256)]
    [InlineData(JwsAlgorithmNames.PS256)]
    [InlineData(JwsAlgorithmNames.HS256)]
    public void Validate_IssuedToken_ReturnsEveryClaim(string algorithm)
    {
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);
        var issued = harness.IssueAccessToken(subject: "usr_bob", sessionId: "sess-42", clientId: "agent-7");

        var result = harness.Validator.Validate(issued.Token);

        Assert.True(result.IsValid, result.ErrorCode);
        var token = result.Token!;
        Assert.Equal(issued.TokenId, token.TokenId);
        Assert.Equal(issued.KeyId, token.KeyId);
        Assert.Equal(harness.Options.Issuer, token.Issuer);
        Assert.Equal([harness.Options.Audience], token.Audiences);
        Assert.Equal("usr_bob", token.Subject);
        Assert.Equal("agent-7", token.ClientId);
        Assert.Equal(["mcp", "tokens:read"], token.Scopes);
        Assert.Equal(["admin", "operator"], token.Roles);
        Assert.Equal("sess-42", token.SessionId);
        Assert.Equal(["pwd"], token.AuthenticationMethods);
        Assert.Equal(TokenTestHarness.Start, token.AuthTime);
        Assert.Equal(TokenTestHarness.Start, token.IssuedAt);
        Assert.Equal(TokenTestHarness.Start, token.NotBefore);
        Assert.Equal(TokenTestHarness.Start + harness.Options.AccessTokenLifetime, token.ExpiresAt);
    }

    [Fact]
    public void Validate_ExpiryWithinSkew_IsAcceptedUntilTheSkewRunsOut()
    {
        using var harness = TokenTestHarness.Create(o => o.ValidationCacheLifetime = TimeSpan.FromSeconds(1));
        var issued = harness.IssueAccessToken();

        harness.Time.Advance(harness.Options.AccessTokenLifetime + harness.Options.ClockSkew - TimeSpan.FromSeconds(1));
        Assert.True(harness.Validator.Validate(issued.Token).IsValid);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SecurityErrorCodes.TokenExpired, harness.Validator.Validate(issued.Token).ErrorCode);
    }

    [Fact]
    public void Validate_NotBeforeWithinSkew_IsAccepted()
    {
        using var harness = TokenTestHarness.Create();
        var claims = harness.ValidClaims();
        claims["nbf"] = harness.Time.GetUtcNow().ToUnixTimeSeconds() + 29;

        Assert.True(harness.Validator.Validate(harness.Forge(harness.ValidHeader(), claims)).IsValid);
    }

    [Fact]
    public void Validate_AudienceArrayContainingOurs_IsAcceptedWithEveryAudience()
    {
        using var harness = TokenTestHarness.Create();
        var claims = harness.ValidClaims();
        claims["aud"] = new[] { "https://other.example", harness.Options.Audience };

        var result = harness.Validator.Validate(harness.Forge(harness.ValidHeader(), claims));

        Assert.True(result.IsValid, result.ErrorCode);
        Assert.Equal(["https://other.example", harness.Options.Audience], result.Token!.Audiences);
    }

    [Theory]
    [InlineData("application/at+jwt")]
    [InlineData("AT+JWT")]
    public void Validate_TypeVariantsRfc7515Allows_AreAccepted(string type)
    {
        using var harness = TokenTestHarness.Create();
        var header = harness.ValidHeader();
        header["typ"] = type;

        Assert.True(harness.Validator.Validate(harness.Forge(header, harness.ValidClaims())).IsValid);
    }

    [Fact]
    public void Validate_UnknownClaimsAndHeaderMembers_AreIgnored()
    {
        using var harness = TokenTestHarness.Create();
        var header = harness.ValidHeader();
        header["jku"] = "https://attacker.example/jwks.json";
        header["x5u"] = "https://attacker.example/cert.pem";
        var claims = harness.ValidClaims();
        claims["extra"] = new Dictionary<string, object> { ["nested"] = new[] { 1, 2, 3 } };

        Assert.True(harness.Validator.Validate(harness.Forge(header, claims)).IsValid);
    }

    [Fact]
    public void Validate_ExactlyEightKiB_IsParsedAndOneMoreCharIsRefused()
    {
        using var harness = TokenTestHarness.Create();
        var token = ForgeOfExactLength(harness, AccessTokenValidator.MaxTokenLength);
        var tooLong = ForgeOfExactLength(harness, AccessTokenValidator.MaxTokenLength + 1);

        Assert.Equal(AccessTokenValidator.MaxTokenLength, token.Length);
        Assert.True(harness.Validator.Validate(token).IsValid);
        Assert.Equal(AccessTokenValidator.MaxTokenLength + 1, tooLong.Length);
        Assert.Equal(SecurityErrorCodes.TokenMalformed, harness.Validator.Validate(tooLong).ErrorCode);
    }

    private static string ForgeOfExactLength(TokenTestHarness harness, int length)
    {
        // Base64url lengths skip every value that is 1 mod 4, so vary the header and the payload padding together.
        for (var headerPad = 0; headerPad < 4; headerPad++)
        {
            var header = harness.ValidHeader();
            header["x"] = new string('h', headerPad);
            var claims = harness.ValidClaims();
            for (var pad = 5000; pad < length; pad++)
            {
                claims["pad"] = new string('a', pad);
                var token = harness.Forge(header, claims);
                if (token.Length == length)
                {
                    return token;
                }

                if (token.Length > length)
                {
                    break;
                }
            }
        }

        throw new InvalidOperationException("No padding reaches the length.");
    }

    [Fact]
    public void Validate_TokenSignedByRetiredKeyAfterItRetired_IsRefused()
    {
        using var harness = TokenTestHarness.Create();
        var retiredKey = harness.ActiveKey;
        harness.Keys.Rotate();
        harness.Time.Advance(TimeSpan.FromMinutes(2));

        var result = harness.Validator.Validate(harness.Forge(harness.ValidHeader(retiredKey), harness.ValidClaims(), retiredKey));

        Assert.Equal(SecurityErrorCodes.TokenUnknownKey, result.ErrorCode);
    }

    [Fact]
    public void Validate_SecondCall_IsServedFromTheCache()
    {
        using var harness = TokenTestHarness.Create();
        var issued = harness.IssueAccessToken();

        var first = harness.Validator.Validate(issued.Token);
        var second = harness.Validator.Validate(issued.Token);

        Assert.True(first.IsValid);
        Assert.Same(first, second);
        Assert.Equal(1, harness.Validator.CachedCount);
    }

    [Fact]
    public void Validate_CacheDisabled_ValidatesEveryTime()
    {
        using var harness = TokenTestHarness.Create();
        harness.Validator.CacheEnabled = false;
        var issued = harness.IssueAccessToken();

        var first = harness.Validator.Validate(issued.Token);
        var second = harness.Validator.Validate(issued.Token);

        Assert.True(first.IsValid && second.IsValid);
        Assert.NotSame(first, second);
        Assert.Equal(0, harness.Validator.CachedCount);
    }

    [Fact]
    public void Validate_CachedEntryOlderThanTheCacheLifetime_IsValidatedAgain()
    {
        using var harness = TokenTestHarness.Create(o => o.ValidationCacheLifetime = TimeSpan.FromSeconds(10));
        var issued = harness.IssueAccessToken();
        var first = harness.Validator.Validate(issued.Token);

        harness.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Same(first, harness.Validator.Validate(issued.Token));

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var again = harness.Validator.Validate(issued.Token);
        Assert.True(again.IsValid);
        Assert.NotSame(first, again);
    }

    [Fact]
    public void Validate_CachedEntry_NeverOutlivesTheTokensExp()
    {
        using var harness = TokenTestHarness.Create(o => o.ClockSkew = TimeSpan.Zero);
        var claims = harness.ValidClaims();
        claims["exp"] = harness.Time.GetUtcNow().ToUnixTimeSeconds() + 5;
        var token = harness.Forge(harness.ValidHeader(), claims);
        Assert.True(harness.Validator.Validate(token).IsValid);

        harness.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(SecurityErrorCodes.TokenExpired, harness.Validator.Validate(token).ErrorCode);
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("session")]
    [InlineData("subject")]
    [InlineData("key")]
    public void Validate_RevokedAfterCaching_IsRefusedDespiteTheCache(string revoke)
    {
        using var harness = TokenTestHarness.Create();
        var issued = harness.IssueAccessToken(subject: "usr_carol", sessionId: "sess-carol");
        Assert.True(harness.Validator.Validate(issued.Token).IsValid);
        Assert.True(harness.Validator.Validate(issued.Token).IsValid);
        Assert.Equal(1, harness.Validator.CachedCount);

        switch (revoke)
        {
            case "jti":
                harness.Revocations.RevokeAccessToken(issued.TokenId, issued.ExpiresAt);
                break;
            case "session":
                harness.Revocations.RevokeSession("sess-carol");
                break;
            case "subject":
                harness.Revocations.RevokeSubject("usr_carol");
                break;
            default:
                harness.Revocations.RevokeSigningKey(issued.KeyId);
                break;
        }

        var result = harness.Validator.Validate(issued.Token);
        Assert.Equal(SecurityErrorCodes.TokenRevoked, result.ErrorCode);
        Assert.Equal(1, harness.Validator.CachedCount);
    }

    [Fact]
    public void Validate_ManyThreadsAtOnce_AllSucceed()
    {
        using var harness = TokenTestHarness.Create();
        var tokens = Enumerable.Range(0, 16).Select(i => harness.IssueAccessToken(sessionId: "s" + i).Token).ToArray();
        var failures = 0;

        Parallel.For(0, 2_000, i =>
        {
            if (!harness.Validator.Validate(tokens[i % tokens.Length]).IsValid)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    private static string BuildAttack(string attack, TokenTestHarness h)
    {
        var key = h.ActiveKey;
        var header = h.ValidHeader();
        var claims = h.ValidClaims();
        var now = h.Time.GetUtcNow().ToUnixTimeSeconds();
        var valid = h.Forge(header, claims);
        var parts = valid.Split('.');

        string Hs256(byte[] secret)
        {
            header["alg"] = "HS256";
            return TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), input => HMACSHA256.HashData(secret, input));
        }

        string Signed() => h.Forge(header, claims);

        switch (attack)
        {
            case "alg none, empty signature":
                header["alg"] = "none";
                return TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), null);
            case "alg None (case variant)":
                header["alg"] = "None";
                return TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), null);
            case "alg missing":
                header.Remove("alg");
                return Signed();
            case "alg HS512 (not on the allow-list)":
                header["alg"] = "HS512";
                return Signed();
            case "HS256 signed with the ES256 public key (SPKI DER)":
            case "HS256 signed with the RSA public key (SPKI DER)":
                return Hs256(PublicKey(key).ExportSubjectPublicKeyInfo());
            case "HS256 signed with the ES256 public key (PEM)":
            case "HS256 signed with the RSA public key (PEM)":
                return Hs256(Encoding.ASCII.GetBytes(PublicKey(key).ExportSubjectPublicKeyInfoPem()));
            case "HS256 signed with the RSA public key (PKCS#1 PEM)":
                return Hs256(Encoding.ASCII.GetBytes(((RSA)key.JoseKey).ExportRSAPublicKeyPem()));
            case "HS256 signed with the ES256 public key (JWK JSON)":
                return Hs256(Encoding.UTF8.GetBytes(key.ToPublicJwk()!.ToJsonString()));
            case "HS256 signed with the ES256 public key (raw point)":
                var q = ((ECDsa)key.JoseKey).ExportParameters(false).Q;
                return Hs256([4, .. q.X!, .. q.Y!]);
            case "RS256 header against the ES256 key id":
                header["alg"] = "RS256";
                using (var rsa = RSA.Create(2048))
                {
                    return TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), input => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                }

            case "unknown kid":
                header["kid"] = "no-such-key";
                return Signed();
            case "missing kid":
                header.Remove("kid");
                return Signed();
            case "tampered payload":
                claims["sub"] = "usr_mallory";
                claims["roles"] = new[] { "admin", "superuser" };
                return parts[0] + "." + TokenForge.Segment(JsonSerializer.Serialize(claims)) + "." + parts[2];
            case "tampered header":
                header["x"] = "y";
                return TokenForge.Segment(JsonSerializer.Serialize(header)) + "." + parts[1] + "." + parts[2];
            case "stripped signature":
                return parts[0] + "." + parts[1] + ".";
            case "signature of another key under our kid":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return TokenForge.Create(JsonSerializer.Serialize(header), JsonSerializer.Serialize(claims), input => other.SignData(input, HashAlgorithmName.SHA256));
                }

            case "truncated signature":
                var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
                return parts[0] + "." + parts[1] + "." + System.Buffers.Text.Base64Url.EncodeToString(signature.AsSpan(0, signature.Length - 16));
            case "two segments":
                return parts[0] + "." + parts[1];
            case "five segments (JWE shape)":
                return valid + ".AAAA.BBBB";
            case "expired":
                claims["iat"] = claims["nbf"] = claims["auth_time"] = now - 3600;
                claims["exp"] = now - 31;
                return Signed();
            case "not yet valid (nbf)":
                claims["nbf"] = now + 300;
                return Signed();
            case "issued in the future (iat)":
                claims["iat"] = now + 300;
                return Signed();
            case "wrong iss":
                claims["iss"] = "https://evil.example.test";
                return Signed();
            case "iss with a trailing slash":
                claims["iss"] = h.Options.Issuer + "/";
                return Signed();
            case "wrong aud":
                claims["aud"] = "https://other-resource.example.test/mcp";
                return Signed();
            case "aud array without ours":
                claims["aud"] = new[] { "https://a.example", "https://b.example" };
                return Signed();
            case "oversized (> 8 KiB)":
                claims["pad"] = new string('x', 7000);
                return Signed();
            case "bad base64url (+ and /)":
                return parts[0] + "." + parts[1][..^2] + "+/" + "." + parts[2];
            case "bad base64url (padding)":
                return parts[0] + "==." + parts[1] + "." + parts[2];
            case "bad base64url (impossible length)":
                return parts[0] + "." + parts[1] + "A." + parts[2];
            case "bad base64url (stray trailing bits)":
                // 64 signature bytes encode to 86 chars whose last char carries 4 unused bits; set one of them.
                var last = parts[2][^1];
                var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                var stray = alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) | 1];
                return parts[0] + "." + parts[1] + "." + parts[2][..^1] + stray;
            case "header is not JSON":
                return TokenForge.Segment("{\"alg\":\"ES256\",") + "." + parts[1] + "." + parts[2];
            case "payload is not JSON (validly signed)":
                return TokenForge.Create(JsonSerializer.Serialize(header), "not json at all", input => key.Sign(input));
            case "duplicate sub claim (validly signed)":
                var json = JsonSerializer.Serialize(claims);
                return TokenForge.Create(JsonSerializer.Serialize(header), json[..^1] + ",\"sub\":\"usr_admin\"}", input => key.Sign(input));
            case "duplicate alg header":
                var headerJson = JsonSerializer.Serialize(header);
                return TokenForge.Create(headerJson[..^1] + ",\"alg\":\"none\"}", JsonSerializer.Serialize(claims), input => key.Sign(input));
            case "unknown crit":
                header["crit"] = new[] { "urn:example:policy" };
                header["urn:example:policy"] = "strict";
                return Signed();
            case "crit naming a registered header":
                header["crit"] = new[] { "exp" };
                return Signed();
            case "wrong typ (JWT)":
                header["typ"] = "JWT";
                return Signed();
            case "missing typ":
                header.Remove("typ");
                return Signed();
            case "missing sub":
                claims.Remove("sub");
                return Signed();
            case "missing exp":
                claims.Remove("exp");
                return Signed();
            case "exp as a string":
                claims["exp"] = (now + 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Signed();
            case "empty token":
                return "";
            default:
                throw new ArgumentOutOfRangeException(nameof(attack), attack, "No such attack.");
        }
    }

    private static AsymmetricAlgorithm PublicKey(SigningKeyMaterial key) => (AsymmetricAlgorithm)key.JoseKey;
}
