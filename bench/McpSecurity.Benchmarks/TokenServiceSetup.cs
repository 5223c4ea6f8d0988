using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Benchmarks;

/// <summary>The token service for one algorithm, wired as in production but over in-memory stores.</summary>
internal sealed class TokenServiceSetup : IDisposable
{
    public TokenServiceSetup(string algorithm)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new TokenOptions
        {
            Issuer = "https://auth.example.test",
            Audience = "https://auth.example.test/mcp",
            Algorithm = algorithm,
        });
        var stores = new BenchStores();
        var events = new TokenEventPublisher(stores, NullLogger<TokenEventPublisher>.Instance);
        Keys = new SigningKeyService(stores, stores, options, events, TimeProvider.System, NullLogger<SigningKeyService>.Instance);
        Keys.EnsureActiveKey();
        var revocations = new TokenRevocationService(stores, stores, Keys, options, events, TimeProvider.System, NullLogger<TokenRevocationService>.Instance);
        Issuer = new AccessTokenIssuer(Keys, options, TimeProvider.System);
        JoseEncodeIssuer = new AccessTokenIssuer(Keys, options, TimeProvider.System) { UseJoseEncode = true };
        CachedValidator = new AccessTokenValidator(Keys, revocations, options, events, TimeProvider.System, NullLogger<AccessTokenValidator>.Instance);
        UncachedValidator = new AccessTokenValidator(Keys, revocations, options, events, TimeProvider.System, NullLogger<AccessTokenValidator>.Instance)
        {
            CacheEnabled = false,
        };
        Options = options.Value;
    }

    public TokenOptions Options { get; }
    public SigningKeyService Keys { get; }
    public AccessTokenIssuer Issuer { get; }
    public AccessTokenIssuer JoseEncodeIssuer { get; }
    public AccessTokenValidator CachedValidator { get; }
    public AccessTokenValidator UncachedValidator { get; }
    public SigningKeyMaterial Key => Keys.GetActiveKey().Material;

    public static AccessTokenDescriptor Descriptor() => new()
    {
        Subject = "usr_8f14e45fceea167a5a36dedd4bea2543",
        ClientId = "mcpsec-login",
        Scopes = ["mcp", "tokens:read"],
        Roles = ["admin", "operator"],
        SessionId = "Xq3vD2H1a9kM0pQ7rS5tUw",
        AuthenticationMethods = ["pwd"],
        AuthTime = DateTimeOffset.UtcNow,
    };

    public void Dispose()
    {
        CachedValidator.Dispose();
        UncachedValidator.Dispose();
    }
}
