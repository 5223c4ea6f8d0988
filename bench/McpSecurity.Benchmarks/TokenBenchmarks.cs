using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpSecurity.Benchmarks;

/// <summary>
/// Issue and validate with our token service next to Microsoft.IdentityModel.JsonWebTokens' JsonWebTokenHandler
/// (same key objects, same claims, the same token strings to validate), plus bare ECDSA sign/verify of the same
/// signing input as the floor. The peer is the baseline of each category, so Ratio reads "ours / peer".
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TokenBenchmarks
{
    private TokenServiceSetup _es256 = null!;
    private TokenServiceSetup _hs256 = null!;
    private string _es256Token = null!;
    private string _hs256Token = null!;
    private byte[] _es256SigningInput = null!;
    private byte[] _es256Signature = null!;
    private ECDsa _ecdsa = null!;
    private JsonWebTokenHandler _peer = null!;
    private SecurityTokenDescriptor _peerEs256Descriptor = null!;
    private SecurityTokenDescriptor _peerHs256Descriptor = null!;
    private TokenValidationParameters _peerEs256Parameters = null!;
    private TokenValidationParameters _peerHs256Parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        _es256 = new TokenServiceSetup(JwsAlgorithmNames.ES256);
        _hs256 = new TokenServiceSetup(JwsAlgorithmNames.HS256);
        _es256Token = _es256.Issuer.Issue(TokenServiceSetup.Descriptor()).Token;
        _hs256Token = _hs256.Issuer.Issue(TokenServiceSetup.Descriptor()).Token;

        _ecdsa = (ECDsa)_es256.Key.JoseKey;
        _es256SigningInput = Encoding.ASCII.GetBytes(_es256Token[.._es256Token.LastIndexOf('.')]);
        _es256Signature = System.Buffers.Text.Base64Url.DecodeFromChars(_es256Token.AsSpan(_es256Token.LastIndexOf('.') + 1));

        var ecKey = new ECDsaSecurityKey(_ecdsa) { KeyId = _es256.Key.KeyId };
        var hmacKey = new SymmetricSecurityKey((byte[])_hs256.Key.JoseKey) { KeyId = _hs256.Key.KeyId };
        _peer = new JsonWebTokenHandler();
        _peerEs256Descriptor = PeerDescriptor(new SigningCredentials(ecKey, SecurityAlgorithms.EcdsaSha256));
        _peerHs256Descriptor = PeerDescriptor(new SigningCredentials(hmacKey, SecurityAlgorithms.HmacSha256));
        _peerEs256Parameters = PeerParameters(ecKey);
        _peerHs256Parameters = PeerParameters(hmacKey);

        Check(_es256.UncachedValidator.Validate(_es256Token).IsValid, "ours ES256");
        Check(_es256.UncachedValidator.Validate(IssueEs256JoseEncode()).IsValid, "ours ES256 via JWT.EncodeBytes");
        Check(_hs256.UncachedValidator.Validate(IssueHs256JoseEncode()).IsValid, "ours HS256 via JWT.EncodeBytes");
        Check(_hs256.UncachedValidator.Validate(_hs256Token).IsValid, "ours HS256");
        Check(_peer.ValidateTokenAsync(_es256Token, _peerEs256Parameters).GetAwaiter().GetResult().IsValid, "peer ES256");
        Check(_peer.ValidateTokenAsync(_hs256Token, _peerHs256Parameters).GetAwaiter().GetResult().IsValid, "peer HS256");
        Check(_es256.CachedValidator.Validate(PeerIssueEs256()).IsValid, "peer-issued ES256 through ours");
        Check(_ecdsa.VerifyData(_es256SigningInput, _es256Signature, HashAlgorithmName.SHA256), "bare verify");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _es256.Dispose();
        _hs256.Dispose();
    }

    [BenchmarkCategory("1 Issue ES256"), Benchmark(Description = "ours: issue ES256")]
    public string IssueEs256() => _es256.Issuer.Issue(TokenServiceSetup.Descriptor()).Token;

    [BenchmarkCategory("1 Issue ES256"), Benchmark(Description = "ours: issue ES256 via JWT.EncodeBytes")]
    public string IssueEs256JoseEncode() => _es256.JoseEncodeIssuer.Issue(TokenServiceSetup.Descriptor()).Token;

    [BenchmarkCategory("1 Issue ES256"), Benchmark(Baseline = true, Description = "peer: issue ES256")]
    public string PeerIssueEs256()
    {
        _peerEs256Descriptor.Claims["jti"] = AccessTokenIssuer.NewTokenId();
        _peerEs256Descriptor.Claims["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return _peer.CreateToken(_peerEs256Descriptor);
    }

    [BenchmarkCategory("1 Issue ES256"), Benchmark(Description = "floor: ECDsa.SignData")]
    public byte[] BareSign() => _ecdsa.SignData(_es256SigningInput, HashAlgorithmName.SHA256);

    [BenchmarkCategory("2 Validate ES256"), Benchmark(Description = "ours: validate ES256 uncached")]
    public bool ValidateEs256Uncached() => _es256.UncachedValidator.Validate(_es256Token).IsValid;

    [BenchmarkCategory("2 Validate ES256"), Benchmark(Description = "ours: validate ES256 cached")]
    public bool ValidateEs256Cached() => _es256.CachedValidator.Validate(_es256Token).IsValid;

    [BenchmarkCategory("2 Validate ES256"), Benchmark(Baseline = true, Description = "peer: validate ES256")]
    public async Task<bool> PeerValidateEs256() => (await _peer.ValidateTokenAsync(_es256Token, _peerEs256Parameters)).IsValid;

    [BenchmarkCategory("2 Validate ES256"), Benchmark(Description = "floor: ECDsa.VerifyData")]
    public bool BareVerify() => _ecdsa.VerifyData(_es256SigningInput, _es256Signature, HashAlgorithmName.SHA256);

    [BenchmarkCategory("3 Issue HS256"), Benchmark(Description = "ours: issue HS256")]
    public string IssueHs256() => _hs256.Issuer.Issue(TokenServiceSetup.Descriptor()).Token;

    [BenchmarkCategory("3 Issue HS256"), Benchmark(Description = "ours: issue HS256 via JWT.EncodeBytes")]
    public string IssueHs256JoseEncode() => _hs256.JoseEncodeIssuer.Issue(TokenServiceSetup.Descriptor()).Token;

    [BenchmarkCategory("3 Issue HS256"), Benchmark(Baseline = true, Description = "peer: issue HS256")]
    public string PeerIssueHs256()
    {
        _peerHs256Descriptor.Claims["jti"] = AccessTokenIssuer.NewTokenId();
        _peerHs256Descriptor.Claims["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return _peer.CreateToken(_peerHs256Descriptor);
    }

    [BenchmarkCategory("4 Validate HS256"), Benchmark(Description = "ours: validate HS256 uncached")]
    public bool ValidateHs256Uncached() => _hs256.UncachedValidator.Validate(_hs256Token).IsValid;

    [BenchmarkCategory("4 Validate HS256"), Benchmark(Description = "ours: validate HS256 cached")]
    public bool ValidateHs256Cached() => _hs256.CachedValidator.Validate(_hs256Token).IsValid;

    [BenchmarkCategory("4 Validate HS256"), Benchmark(Baseline = true, Description = "peer: validate HS256")]
    public async Task<bool> PeerValidateHs256() => (await _peer.ValidateTokenAsync(_hs256Token, _peerHs256Parameters)).IsValid;

    private SecurityTokenDescriptor PeerDescriptor(SigningCredentials credentials)
    {
        var d = TokenServiceSetup.Descriptor();
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = _es256.Options.Issuer,
            Audience = _es256.Options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _es256.Options.AccessTokenLifetime,
            TokenType = "at+jwt",
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = d.Subject,
                ["jti"] = AccessTokenIssuer.NewTokenId(),
                ["client_id"] = d.ClientId,
                ["scope"] = string.Join(' ', d.Scopes),
                ["roles"] = d.Roles.ToArray(),
                ["sid"] = d.SessionId,
                ["amr"] = d.AuthenticationMethods.ToArray(),
                ["auth_time"] = d.AuthTime.ToUnixTimeSeconds(),
            },
        };
    }

    // JsonWebTokenHandler's defaults plus the checks ours makes by design: issuer, audience and lifetime (30 s skew).
    private TokenValidationParameters PeerParameters(SecurityKey key) => new()
    {
        ValidIssuer = _es256.Options.Issuer,
        ValidAudience = _es256.Options.Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ClockSkew = _es256.Options.ClockSkew,
        IssuerSigningKey = key,
    };

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark setup failed: {what} does not validate.");
        }
    }
}
