using System.Text.Json;
using Jose;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using Base64Url = System.Buffers.Text.Base64Url;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class AccessTokenIssuerTests
{
    [Fact]
    public void Issue_Es256_HeaderHasAlgKidAndAtJwtType()
    {
        using var harness = TokenTestHarness.Create();

        var issued = harness.IssueAccessToken();

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("at+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.Equal(harness.ActiveKey.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(issued.KeyId, header.RootElement.GetProperty("kid").GetString());
    }

    [Fact]
    public void Issue_Payload_CarriesEveryRfc9068Claim()
    {
        using var harness = TokenTestHarness.Create();

        var issued = harness.IssueAccessToken(subject: "usr_dave", sessionId: "sess-d", clientId: "cli-d");

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(issued.Token.Split('.')[1]));
        var root = payload.RootElement;
        var now = TokenTestHarness.Start.ToUnixTimeSeconds();
        Assert.Equal(harness.Options.Issuer, root.GetProperty("iss").GetString());
        Assert.Equal("usr_dave", root.GetProperty("sub").GetString());
        Assert.Equal(harness.Options.Audience, root.GetProperty("aud").GetString());
        Assert.Equal(now + 900, root.GetProperty("exp").GetInt64());
        Assert.Equal(now, root.GetProperty("nbf").GetInt64());
        Assert.Equal(now, root.GetProperty("iat").GetInt64());
        Assert.Equal(issued.TokenId, root.GetProperty("jti").GetString());
        Assert.Equal("cli-d", root.GetProperty("client_id").GetString());
        Assert.Equal("mcp tokens:read", root.GetProperty("scope").GetString());
        Assert.Equal(["admin", "operator"], root.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sess-d", root.GetProperty("sid").GetString());
        Assert.Equal(["pwd"], root.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(now, root.GetProperty("auth_time").GetInt64());
        Assert.Equal(TokenTestHarness.Start, issued.IssuedAt);
        Assert.Equal(TokenTestHarness.Start.AddMinutes(15), issued.ExpiresAt);
    }

    [Fact]
    public void Issue_TokenId_Is128RandomBitsInBase64Url()
    {
        using var harness = TokenTestHarness.Create();

        var ids = Enumerable.Range(0, 200).Select(_ => harness.IssueAccessToken().TokenId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(16, Base64Url.DecodeFromChars(id).Length));
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256)]
    [InlineData(JwsAlgorithmNames.RS256)]
    [InlineData(JwsAlgorithmNames.PS256)]
    [InlineData(JwsAlgorithmNames.HS256)]
    public void Issue_AnyAlgorithm_JoseJwtVerifiesItWithTheKey(string algorithm)
    {
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);

        var issued = harness.IssueAccessToken();

        var payload = JWT.Decode(issued.Token, harness.ActiveKey.JoseKey, Enum.Parse<JwsAlgorithm>(algorithm));
        Assert.Contains(issued.TokenId, payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.HS256)]
    [InlineData(JwsAlgorithmNames.RS256)]
    public void Encode_DeterministicAlgorithm_IsByteForByteWhatJoseJwtEncodeBytesProduces(string algorithm)
    {
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);
        var payload = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(harness.ValidClaims()));

        var direct = harness.Issuer.Encode(payload, harness.ActiveKey);
        harness.Issuer.UseJoseEncode = true;
        var jose = harness.Issuer.Encode(payload, harness.ActiveKey);
        var stock = JWT.EncodeBytes(payload, harness.ActiveKey.JoseKey, Enum.Parse<JwsAlgorithm>(algorithm), harness.ActiveKey.JoseHeaders);

        Assert.Equal(jose, direct);
        Assert.Equal(stock, direct);
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256)]
    [InlineData(JwsAlgorithmNames.PS256)]
    public void Encode_RandomizedAlgorithm_MatchesJoseJwtUpToTheSignatureAndBothVerify(string algorithm)
    {
        using var harness = TokenTestHarness.Create(o => o.Algorithm = algorithm);
        var payload = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(harness.ValidClaims()));

        var direct = harness.Issuer.Encode(payload, harness.ActiveKey);
        harness.Issuer.UseJoseEncode = true;
        var jose = harness.Issuer.Encode(payload, harness.ActiveKey);

        Assert.Equal(jose[..jose.LastIndexOf('.')], direct[..direct.LastIndexOf('.')]);
        harness.Validator.CacheEnabled = false;
        Assert.True(harness.Validator.Validate(direct).IsValid);
        Assert.True(harness.Validator.Validate(jose).IsValid);
    }

    [Fact]
    public void Issue_ThroughJoseEncode_ValidatesLikeTheDefault()
    {
        using var harness = TokenTestHarness.Create();
        harness.Issuer.UseJoseEncode = true;

        var issued = harness.IssueAccessToken();

        Assert.Equal(issued.TokenId, harness.Validator.Validate(issued.Token).Token?.TokenId);
    }

    [Fact]
    public void Issue_ConfiguredHs256Key_SignsWithThatKey()
    {
        var secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var harness = TokenTestHarness.Create(o =>
        {
            o.Algorithm = JwsAlgorithmNames.HS256;
            o.HmacKey = Base64Url.EncodeToString(secret);
        });

        var issued = harness.IssueAccessToken();

        var payload = JWT.Decode(issued.Token, secret, JwsAlgorithm.HS256);
        Assert.Contains(issued.TokenId, payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_NonAsciiClaimValues_RoundTripThroughTheValidator()
    {
        using var harness = TokenTestHarness.Create();

        var issued = harness.IssueAccessToken(subject: "usr_zoë+\"quoted\"");

        Assert.Equal("usr_zoë+\"quoted\"", harness.Validator.Validate(issued.Token).Token?.Subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quote\"")]
    public void Issue_InvalidScope_Throws(string scope)
    {
        using var harness = TokenTestHarness.Create();

        var ex = Assert.Throws<SecurityException>(() => harness.Issuer.Issue(new AccessTokenDescriptor
        {
            Subject = "s",
            ClientId = "c",
            SessionId = "x",
            Scopes = [scope],
            AuthTime = harness.Time.GetUtcNow(),
        }));
        Assert.Equal(SecurityErrorCodes.InvalidScope, ex.Code);
    }

    [Fact]
    public void Issue_EmptySubject_Throws()
    {
        using var harness = TokenTestHarness.Create();

        var ex = Assert.Throws<SecurityException>(() => harness.Issuer.Issue(new AccessTokenDescriptor
        {
            Subject = " ",
            ClientId = "c",
            SessionId = "x",
            AuthTime = harness.Time.GetUtcNow(),
        }));
        Assert.Equal(SecurityErrorCodes.ValidationFailed, ex.Code);
    }

    [Fact]
    public void Issue_AfterRestart_SignsWithTheStoredKey()
    {
        using var harness = TokenTestHarness.Create();
        var before = harness.IssueAccessToken();
        using var restarted = harness.Restart();

        var after = restarted.IssueAccessToken();

        Assert.Equal(before.KeyId, after.KeyId);
        Assert.True(restarted.Validator.Validate(before.Token).IsValid);
        Assert.True(harness.Validator.Validate(after.Token).IsValid);
    }
}
