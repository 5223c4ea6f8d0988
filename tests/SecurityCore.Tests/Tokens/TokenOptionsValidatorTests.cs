using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Tests.SecurityCore.Tokens;

public sealed class TokenOptionsValidatorTests
{
    public static TheoryData<string, string> BadOptions => new()
    {
        { "Algorithm=XYZ", "Tokens:Algorithm: unknown algorithm 'XYZ'; allowed: ES256, RS256, PS256, HS256" },
        { "Algorithm=none", "Tokens:Algorithm: unknown algorithm 'none'" },
        { "Algorithm=es256", "Tokens:Algorithm: unknown algorithm 'es256'" },
        { "HmacKey=16 bytes", "Tokens:HmacKey: must decode to at least 32 bytes (256 bits) for HS256; it decodes to 16 bytes" },
        { "HmacKey=31 bytes", "it decodes to 31 bytes" },
        { "HmacKey=not base64", "Tokens:HmacKey: must be base64 or base64url" },
        { "HmacKey with ES256", "Tokens:HmacKey: is only used with Tokens:Algorithm HS256" },
        { "AccessTokenLifetime=0", "Tokens:AccessTokenLifetime: must be greater than zero and at most 24 hours" },
        { "AccessTokenLifetime=24h1s", "Tokens:AccessTokenLifetime: must be greater than zero and at most 24 hours (was 1.00:00:01)" },
        { "RefreshTokenLifetime=0", "Tokens:RefreshTokenLifetime: must be greater than zero" },
        { "SessionLifetime<Refresh", "Tokens:SessionLifetime: must be at least Tokens:RefreshTokenLifetime" },
        { "ClockSkew=-1s", "Tokens:ClockSkew: must be between 0 and 5 minutes" },
        { "ClockSkew=6min", "Tokens:ClockSkew: must be between 0 and 5 minutes" },
        { "ValidationCacheSize=0", "Tokens:ValidationCacheSize: must be greater than zero" },
        { "ValidationCacheLifetime=0", "Tokens:ValidationCacheLifetime: must be between 1 and 60 seconds" },
        { "ValidationCacheLifetime=61s", "Tokens:ValidationCacheLifetime: must be between 1 and 60 seconds" },
        { "Issuer=relative", "Tokens:Issuer: must be an absolute http or https URI" },
        { "Issuer=ftp", "Tokens:Issuer: must be an absolute http or https URI" },
        { "Audience=empty", "Tokens:Audience: must be an absolute http or https URI" },
        { "MfaChallengeLifetime=1h", "Tokens:MfaChallengeLifetime: must be greater than zero and at most 15 minutes" },
        { "KeyRotationInterval<AccessTokenLifetime", "Tokens:KeyRotationInterval: must be empty" },
        { "SweepInterval=0", "Tokens:SweepInterval: must be between 1 second and 1 day" },
        { "DefaultScopes with space", "Tokens:DefaultScopes: 'a b' is not a valid scope token" },
        { "LoginClientId empty", "Tokens:LoginClientId: must be a non-empty client id" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadValue_FailsNamingTheKeyAndTheRule(string row, string expected)
    {
        var options = new TokenOptions();
        Apply(row, options);

        var result = new TokenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, row);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new TokenOptionsValidator().Validate(null, new TokenOptions()).Succeeded);
    }

    [Theory]
    [InlineData(JwsAlgorithmNames.ES256, null)]
    [InlineData(JwsAlgorithmNames.RS256, null)]
    [InlineData(JwsAlgorithmNames.PS256, null)]
    [InlineData(JwsAlgorithmNames.HS256, null)]
    [InlineData(JwsAlgorithmNames.HS256, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    [InlineData(JwsAlgorithmNames.HS256, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")]
    [InlineData(JwsAlgorithmNames.HS256, "-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_")]
    public void Validate_GoodAlgorithmAndKey_Succeed(string algorithm, string? key)
    {
        var result = new TokenOptionsValidator().Validate(null, new TokenOptions { Algorithm = algorithm, HmacKey = key });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public void Validate_ShortHmacKey_NeverEchoesTheKey()
    {
        const string key = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";

        var result = new TokenOptionsValidator().Validate(null, new TokenOptions { Algorithm = JwsAlgorithmNames.HS256, HmacKey = key });

        Assert.True(result.Failed);
        Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var result = new TokenOptionsValidator().Validate(null, new TokenOptions { Algorithm = "XYZ", ClockSkew = TimeSpan.FromHours(1), ValidationCacheSize = -1 });

        Assert.Equal(3, result.Failures!.Count());
    }

    private static void Apply(string row, TokenOptions o)
    {
        switch (row)
        {
            case "Algorithm=XYZ": o.Algorithm = "XYZ"; break;
            case "Algorithm=none": o.Algorithm = "none"; break;
            case "Algorithm=es256": o.Algorithm = "es256"; break;
            case "HmacKey=16 bytes": o.Algorithm = "HS256"; o.HmacKey = Convert.ToBase64String(new byte[16]); break;
            case "HmacKey=31 bytes": o.Algorithm = "HS256"; o.HmacKey = Convert.ToBase64String(new byte[31]); break;
            case "HmacKey=not base64": o.Algorithm = "HS256"; o.HmacKey = "this is *not* base64!"; break;
            case "HmacKey with ES256": o.HmacKey = Convert.ToBase64String(new byte[32]); break;
            case "AccessTokenLifetime=0": o.AccessTokenLifetime = TimeSpan.Zero; break;
            case "AccessTokenLifetime=24h1s": o.AccessTokenLifetime = TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1); break;
            case "RefreshTokenLifetime=0": o.RefreshTokenLifetime = TimeSpan.Zero; break;
            case "SessionLifetime<Refresh": o.SessionLifetime = TimeSpan.FromDays(1); break;
            case "ClockSkew=-1s": o.ClockSkew = TimeSpan.FromSeconds(-1); break;
            case "ClockSkew=6min": o.ClockSkew = TimeSpan.FromMinutes(6); break;
            case "ValidationCacheSize=0": o.ValidationCacheSize = 0; break;
            case "ValidationCacheLifetime=0": o.ValidationCacheLifetime = TimeSpan.Zero; break;
            case "ValidationCacheLifetime=61s": o.ValidationCacheLifetime = TimeSpan.FromSeconds(61); break;
            case "Issuer=relative": o.Issuer = "/auth"; break;
            case "Issuer=ftp": o.Issuer = "ftp://example.test"; break;
            case "Audience=empty": o.Audience = ""; break;
            case "MfaChallengeLifetime=1h": o.MfaChallengeLifetime = TimeSpan.FromHours(1); break;
            case "KeyRotationInterval<AccessTokenLifetime": o.KeyRotationInterval = TimeSpan.FromMinutes(1); break;
            case "SweepInterval=0": o.SweepInterval = TimeSpan.Zero; break;
            case "DefaultScopes with space": o.DefaultScopes = ["mcp", "a b"]; break;
            case "LoginClientId empty": o.LoginClientId = " "; break;
            default: throw new ArgumentOutOfRangeException(nameof(row), row, "No such row.");
        }
    }
}
