using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpSecurity.SecurityCore.Clerk;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class ClerkJwksProviderTests : IAsyncLifetime
{
    private ClerkTestContext _context = null!;

    public Task InitializeAsync()
    {
        _context = new ClerkTestContext();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Parse_ClerkShapedFixture_ReadsItsOneRs256Key()
    {
        var keys = ClerkJwksProvider.Parse(ClerkTestContext.FixtureBytes("jwks.json"), out var skipped);

        var key = Assert.Single(keys);
        Assert.Equal("ins_2mQ7kXb9TzR4LwVn8pY3cJ1eHsA", key.Key);
        Assert.Equal(256, key.Value.Modulus!.Length);
        Assert.Equal([1, 0, 1], key.Value.Exponent);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void Parse_KeysThatAreNotRs256SigningKeys_SkipsThem()
    {
        using var small = RSA.Create(1024);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var smallParameters = small.ExportParameters(false);
        var ecParameters = ec.ExportParameters(false);
        var good = TestRsaKey.First.ToJwk();
        var keys = new object[]
        {
            good,
            TestRsaKey.First.ToJwk(),                                            // duplicate kid: the first wins
            WithKid(TestRsaKey.Second.ToJwk(alg: "RS384"), "rs384"),
            WithKid(TestRsaKey.Second.ToJwk(alg: "PS256"), "ps256"),
            WithKid(TestRsaKey.Second.ToJwk(kty: "oct"), "oct"),
            WithKid(With(TestRsaKey.Second.ToJwk(), "use", "enc"), "enc"),
            WithKid(With(TestRsaKey.Second.ToJwk(), "d", "AQAB"), "private"),
            new Dictionary<string, object?> { ["kty"] = "RSA", ["kid"] = "small", ["alg"] = "RS256", ["n"] = Convert.ToBase64String(smallParameters.Modulus!).TrimEnd('=').Replace('+', '-').Replace('/', '_'), ["e"] = "AQAB" },
            new Dictionary<string, object?> { ["kty"] = "EC", ["kid"] = "ec", ["crv"] = "P-256", ["x"] = Convert.ToBase64String(ecParameters.Q.X!), ["y"] = Convert.ToBase64String(ecParameters.Q.Y!) },
            new Dictionary<string, object?> { ["kty"] = "RSA", ["alg"] = "RS256", ["n"] = good["n"], ["e"] = "AQAB" },   // no kid
            new Dictionary<string, object?> { ["kty"] = "RSA", ["kid"] = "bad-n", ["n"] = "!!!", ["e"] = "AQAB" },
            "not an object",
            WithKid(With(TestRsaKey.Second.ToJwk(alg: null), "use", "sig"), "no-alg"),   // alg is optional (RFC 7517)
        };

        var parsed = ClerkJwksProvider.Parse(JsonSerializer.SerializeToUtf8Bytes(new { keys }), out var skipped);

        Assert.Equal(["ins_test_key_one", "no-alg"], parsed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(11, skipped);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("not json")]
    public void Parse_NotAJwks_Throws(string document)
    {
        Assert.ThrowsAny<JsonException>(() => ClerkJwksProvider.Parse(Encoding.UTF8.GetBytes(document), out _));
    }

    [Fact]
    public async Task GetKeyAsync_WithinTheCacheLifetime_FetchesOnce()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull((await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId)).Key);
            _context.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(1, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task GetKeyAsync_AfterTheCacheLifetime_FetchesAgain()
    {
        await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);
        _context.Time.Advance(TimeSpan.FromHours(1));

        await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);

        Assert.Equal(2, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task GetKeyAsync_RefreshFails_KeepsUsingTheKeysFetchedBefore()
    {
        await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);
        _context.StandIn.JwksStatus = 500;
        _context.Time.Advance(TimeSpan.FromHours(2));

        var stale = await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);
        var unknown = await _context.Jwks.GetKeyAsync("ins_rotated");

        Assert.NotNull(stale.Key);
        Assert.Null(unknown.Key);
        Assert.True(unknown.Unavailable);
        Assert.Equal(2, _context.StandIn.JwksRequests);
        Assert.Contains(_context.Logs.Entries, e => e.Message.Contains("could not be fetched", StringComparison.Ordinal) && e.Message.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKeyAsync_FirstFetchFails_IsUnavailableAndRetriesOnlyAfterTheInterval()
    {
        _context.StandIn.JwksStatus = 502;

        var first = await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);
        var soon = await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);
        _context.StandIn.JwksStatus = 200;
        _context.Time.Advance(TimeSpan.FromSeconds(30));
        var later = await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);

        Assert.True(first.Unavailable);
        Assert.True(soon.Unavailable);
        Assert.NotNull(later.Key);
        Assert.Equal(2, _context.StandIn.JwksRequests);
    }

    [Fact]
    public async Task GetKeyAsync_OversizedDocument_IsRefused()
    {
        _context.StandIn.PublishJwks("{\"keys\":[],\"padding\":\"" + new string('x', ClerkJwksProvider.MaxDocumentBytes) + "\"}");

        var lookup = await _context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);

        Assert.True(lookup.Unavailable);
        Assert.Contains(_context.Logs.Entries, e => e.Message.Contains("larger than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetKeyAsync_Unreachable_IsUnavailable()
    {
        await using var context = new ClerkTestContext(o => o.JwksUrl = "http://127.0.0.1:1/.well-known/jwks.json");

        var lookup = await context.Jwks.GetKeyAsync(TestRsaKey.First.KeyId);

        Assert.True(lookup.Unavailable);
        Assert.Equal(1, context.Jwks.FetchCount);
    }

    private static Dictionary<string, object?> WithKid(Dictionary<string, object?> jwk, string kid) => With(jwk, "kid", kid);

    private static Dictionary<string, object?> With(Dictionary<string, object?> jwk, string name, string value)
    {
        jwk[name] = value;
        return jwk;
    }
}
