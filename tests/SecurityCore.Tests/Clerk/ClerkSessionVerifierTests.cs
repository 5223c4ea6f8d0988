using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using McpSecurity.SecurityCore;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class ClerkSessionVerifierTests : IAsyncLifetime
{
    private ClerkTestContext _context = null!;

    public Task InitializeAsync()
    {
        _context = new ClerkTestContext();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task VerifyAsync_GoodToken_ReturnsTheSession()
    {
        var result = await _context.Verifier.VerifyAsync(_context.Token());

        Assert.True(result.Succeeded, result.Message);
        var session = result.Session!;
        Assert.Equal(ClerkTestContext.AdaId, session.UserId);
        Assert.Equal(ClerkTestContext.SessionId, session.SessionId);
        Assert.Equal(TestRsaKey.First.KeyId, session.KeyId);
        Assert.Equal(ClerkTestContext.App, session.AuthorizedParty);
        Assert.Equal(_context.Time.GetUtcNow().AddSeconds(60), session.ExpiresAt);
        Assert.Equal(2, session.Version);
        Assert.Null(session.SecondFactorAgeMinutes);
        Assert.Null(session.OrganizationRole);
        Assert.Null(session.ActorId);
        Assert.Equal(1, _context.StandIn.JwksRequests);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    public async Task VerifyAsync_AroundExpiry_RefusesOnlyBeyondTheSkew(int secondsPastExpiry, bool accepted)
    {
        // Skew is 5 s: a token is accepted until exp + 5 s (exclusive).
        var token = _context.Token(c => c["exp"] = _context.Time.GetUtcNow().ToUnixTimeSeconds() - secondsPastExpiry);

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(accepted, result.Succeeded);
        Assert.Equal(accepted ? null : SecurityErrorCodes.TokenExpired, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_ExpiredAfterTimePasses_RefusesTokenExpired()
    {
        var token = _context.Token();
        Assert.True((await _context.Verifier.VerifyAsync(token)).Succeeded);

        _context.Time.Advance(TimeSpan.FromSeconds(65));
        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenExpired, result.ErrorCode);
        Assert.Null(result.Session);
    }

    [Theory]
    [InlineData("nbf", 6, false)]
    [InlineData("nbf", 5, true)]
    [InlineData("nbf", 3600, false)]
    [InlineData("iat", 6, false)]
    [InlineData("iat", 2, true)]
    public async Task VerifyAsync_NbfOrIatInTheFuture_RefusesBeyondTheSkew(string claim, int secondsAhead, bool accepted)
    {
        var token = _context.Token(c => c[claim] = _context.Time.GetUtcNow().ToUnixTimeSeconds() + secondsAhead);

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Equal(SecurityErrorCodes.TokenNotYetValid, result.ErrorCode);
        }
    }

    [Theory]
    [InlineData("https://clerk.attacker.example")]
    [InlineData("{issuer}/")]
    [InlineData("{ISSUER}")]
    [InlineData("")]
    [InlineData(null)]
    public async Task VerifyAsync_WrongIssuer_RefusesBadIssuer(string? issuer)
    {
        var token = _context.Token(c =>
        {
            if (issuer is null)
            {
                c.Remove("iss");
            }
            else
            {
                c["iss"] = issuer.Replace("{issuer}", _context.StandIn.BaseUrl, StringComparison.Ordinal)
                    .Replace("{ISSUER}", _context.StandIn.BaseUrl.ToUpperInvariant(), StringComparison.Ordinal);
            }
        });

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenBadIssuer, result.ErrorCode);
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://APP.example.com")]
    [InlineData(null)]
    public async Task VerifyAsync_AuthorizedPartyNotAllowed_RefusesAzp(string? azp)
    {
        var token = _context.Token(c =>
        {
            if (azp is null)
            {
                c.Remove("azp");
            }
            else
            {
                c["azp"] = azp;
            }
        });

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.ClerkAuthorizedPartyNotAllowed, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_NoAllowListConfigured_AcceptsAnyAzp()
    {
        await using var context = new ClerkTestContext(o => o.AuthorizedParties = []);

        var result = await context.Verifier.VerifyAsync(context.Token(c => c["azp"] = "https://anything.example"));

        Assert.True(result.Succeeded, result.Message);
    }

    [Theory]
    [InlineData("sid")]
    [InlineData("sub")]
    [InlineData("exp")]
    public async Task VerifyAsync_RequiredClaimMissing_RefusesMissingClaim(string claim)
    {
        var result = await _context.Verifier.VerifyAsync(_context.Token(c => c.Remove(claim)));

        Assert.Equal(SecurityErrorCodes.TokenMissingClaim, result.ErrorCode);
        Assert.Contains(claim, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sid", "")]
    [InlineData("sub", "")]
    [InlineData("exp", "1717000000")]
    [InlineData("nbf", "soon")]
    public async Task VerifyAsync_ClaimOfWrongTypeOrEmpty_RefusesMissingClaim(string claim, string value)
    {
        var result = await _context.Verifier.VerifyAsync(_context.Token(c => c[claim] = value));

        Assert.Equal(SecurityErrorCodes.TokenMissingClaim, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_AlgNone_RefusesWithoutFetchingKeys()
    {
        var token = TestSessionTokens.Unsigned(_context.Claims(), TestRsaKey.First.KeyId);

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenAlgorithmNotAllowed, result.ErrorCode);
        Assert.Equal(0, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task VerifyAsync_Hs256SignedWithThePublicKey_RefusesTheAlgorithm()
    {
        // The classic key-confusion attack: HMAC keyed with the RSA public key, which anyone can read from the JWKS.
        var publicKey = Encoding.ASCII.GetBytes(TestRsaKey.First.PublicKeyPem());
        var token = TestSessionTokens.Hs256(publicKey, _context.Claims(), TestRsaKey.First.KeyId);

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenAlgorithmNotAllowed, result.ErrorCode);
        Assert.Equal(0, _context.StandIn.JwksRequests);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    [InlineData("")]
    public async Task VerifyAsync_OtherAlgorithmInHeader_Refuses(string alg)
    {
        var token = TestSessionTokens.Sign(TestRsaKey.First, _context.Claims(), new Dictionary<string, object?> { ["alg"] = alg, ["kid"] = TestRsaKey.First.KeyId });

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenAlgorithmNotAllowed, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_TamperedSignature_RefusesBadSignature()
    {
        var token = _context.Token();
        var signatureStart = token.LastIndexOf('.') + 1;
        var signature = Base64Url.DecodeFromChars(token.AsSpan(signatureStart));
        signature[10] ^= 0x01;
        var tampered = token[..signatureStart] + Base64Url.EncodeToString(signature);

        var result = await _context.Verifier.VerifyAsync(tampered);

        Assert.Equal(SecurityErrorCodes.TokenBadSignature, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_TamperedPayloadKeepingTheSignature_RefusesBadSignature()
    {
        var parts = _context.Token().Split('.');
        var forgedClaims = _context.Claims(ClerkTestContext.GraceId);
        var forged = parts[0] + "." + TestSessionTokens.Encode(forgedClaims) + "." + parts[2];

        var result = await _context.Verifier.VerifyAsync(forged);

        Assert.Equal(SecurityErrorCodes.TokenBadSignature, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKeyUnderAPublishedKid_RefusesBadSignature()
    {
        var token = TestSessionTokens.Sign(TestRsaKey.Second, _context.Claims(), keyId: TestRsaKey.First.KeyId);

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenBadSignature, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_UnknownKid_RefetchesExactlyOnceAndFollowsKeyRotation()
    {
        Assert.True((await _context.Verifier.VerifyAsync(_context.Token())).Succeeded);
        Assert.Equal(1, _context.StandIn.JwksRequests);

        // Clerk rotates: the stand-in now publishes only the second key.
        _context.StandIn.PublishKeys(TestRsaKey.Second);
        _context.Time.Advance(TimeSpan.FromSeconds(31));
        var rotated = await _context.Verifier.VerifyAsync(_context.Token(key: TestRsaKey.Second));

        Assert.True(rotated.Succeeded, rotated.Message);
        Assert.Equal(2, _context.StandIn.JwksRequests);

        // A kid nobody publishes, right after: no fetch at all (the minimum interval has not passed).
        var unknownSoon = await _context.Verifier.VerifyAsync(TestSessionTokens.Sign(TestRsaKey.Second, _context.Claims(), keyId: "ins_nobody"));
        Assert.Equal(SecurityErrorCodes.TokenUnknownKey, unknownSoon.ErrorCode);
        Assert.Equal(2, _context.StandIn.JwksRequests);

        // Later: exactly one fetch for it, still unknown.
        _context.Time.Advance(TimeSpan.FromSeconds(31));
        var unknownLater = await _context.Verifier.VerifyAsync(TestSessionTokens.Sign(TestRsaKey.Second, _context.Claims(), keyId: "ins_nobody"));
        Assert.Equal(SecurityErrorCodes.TokenUnknownKey, unknownLater.ErrorCode);
        Assert.Equal(3, _context.StandIn.JwksRequests);

        // The key known before is served from the cache without another fetch.
        Assert.True((await _context.Verifier.VerifyAsync(_context.Token(key: TestRsaKey.Second))).Succeeded);
        Assert.Equal(3, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task VerifyAsync_ManyForgedKidsAtOnce_CauseOneFetch()
    {
        Assert.True((await _context.Verifier.VerifyAsync(_context.Token())).Succeeded);
        _context.Time.Advance(TimeSpan.FromMinutes(1));

        var tokens = Enumerable.Range(0, 20).Select(i => TestSessionTokens.Sign(TestRsaKey.First, _context.Claims(), keyId: $"ins_forged_{i}"));
        var results = await Task.WhenAll(tokens.Select(t => _context.Verifier.VerifyAsync(t)));

        Assert.All(results, r => Assert.Equal(SecurityErrorCodes.TokenUnknownKey, r.ErrorCode));
        Assert.Equal(2, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task VerifyAsync_JwksUnreachableOnFirstUse_RefusesClerkUnavailable()
    {
        _context.StandIn.JwksStatus = 503;

        var result = await _context.Verifier.VerifyAsync(_context.Token());

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, result.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData(".eyJ9.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9..c2ln")]
    [InlineData("bm90IGpzb24.e30.c2ln")]
    [InlineData("WyJSUzI1NiJd.e30.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc190ZXN0X2tleV9vbmUifQ.e30.c2ln!")]
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc190ZXN0X2tleV9vbmUifQ.e30.")]
    public async Task VerifyAsync_MalformedToken_RefusesMalformed(string token)
    {
        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenMalformed, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_OversizedToken_RefusesMalformedWithoutParsing()
    {
        var result = await _context.Verifier.VerifyAsync(new string('a', 16 * 1024 + 1));

        Assert.Equal(SecurityErrorCodes.TokenMalformed, result.ErrorCode);
        Assert.Equal(0, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task VerifyAsync_DuplicateClaimNames_RefusesMalformed()
    {
        var header = TestSessionTokens.Encode(new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = TestRsaKey.First.KeyId });
        var exp = _context.Time.GetUtcNow().ToUnixTimeSeconds() + 60;
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{{\"iss\":\"{_context.StandIn.BaseUrl}\",\"azp\":\"{ClerkTestContext.App}\",\"exp\":{exp},\"sid\":\"sess_1\",\"sub\":\"user_victim\",\"sub\":\"user_attacker\"}}"));
        var signature = TestRsaKey.First.Rsa.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var result = await _context.Verifier.VerifyAsync(header + "." + payload + "." + Base64Url.EncodeToString(signature));

        Assert.Equal(SecurityErrorCodes.TokenMalformed, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_CritHeader_RefusesUnsupportedCritical()
    {
        var token = TestSessionTokens.Sign(TestRsaKey.First, _context.Claims(),
            new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = TestRsaKey.First.KeyId, ["crit"] = new[] { "exp" } });

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenUnsupportedCritical, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_NoKid_RefusesUnknownKey()
    {
        var token = TestSessionTokens.Sign(TestRsaKey.First, _context.Claims(), new Dictionary<string, object?> { ["alg"] = "RS256" });

        var result = await _context.Verifier.VerifyAsync(token);

        Assert.Equal(SecurityErrorCodes.TokenUnknownKey, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_PendingSession_RefusesSessionNotAllowed()
    {
        var result = await _context.Verifier.VerifyAsync(_context.Token(c => c["sts"] = "pending"));

        Assert.Equal(SecurityErrorCodes.ClerkSessionNotAllowed, result.ErrorCode);
    }

    [Fact]
    public async Task VerifyAsync_Impersonation_RefusedUnlessAllowed()
    {
        var actor = new Dictionary<string, object?> { ["iss"] = "https://dashboard.clerk.com", ["sid"] = "sess_456", ["sub"] = "user_impersonator" };

        var refused = await _context.Verifier.VerifyAsync(_context.Token(c => c["act"] = actor));
        await using var allowing = new ClerkTestContext(o => o.AllowImpersonation = true);
        var accepted = await allowing.Verifier.VerifyAsync(allowing.Token(c => c["act"] = actor));

        Assert.Equal(SecurityErrorCodes.ClerkSessionNotAllowed, refused.ErrorCode);
        Assert.True(accepted.Succeeded, accepted.Message);
        Assert.Equal("user_impersonator", accepted.Session!.ActorId);
    }

    [Fact]
    public async Task VerifyAsync_VersionTwoOrganizationClaim_ReadsRoleWithoutPrefix()
    {
        var token = _context.Token(c =>
        {
            c["o"] = new Dictionary<string, object?> { ["id"] = "org_2mQF3", ["rol"] = "admin", ["slg"] = "acme", ["per"] = "read,manage", ["fpm"] = "3" };
            c["fva"] = new[] { 7, 2 };
        });

        var session = (await _context.Verifier.VerifyAsync(token)).Session!;

        Assert.Equal("org_2mQF3", session.OrganizationId);
        Assert.Equal("admin", session.OrganizationRole);
        Assert.Equal(2, session.SecondFactorAgeMinutes);
    }

    [Fact]
    public async Task VerifyAsync_VersionOneOrganizationClaims_StripsTheOrgPrefix()
    {
        var token = _context.Token(c =>
        {
            c.Remove("v");
            c.Remove("sts");
            c["org_id"] = "org_2mQF3";
            c["org_role"] = "org:admin";
            c["org_slug"] = "acme";
        });

        var session = (await _context.Verifier.VerifyAsync(token)).Session!;

        Assert.Equal(1, session.Version);
        Assert.Equal("org_2mQF3", session.OrganizationId);
        Assert.Equal("admin", session.OrganizationRole);
    }
}
