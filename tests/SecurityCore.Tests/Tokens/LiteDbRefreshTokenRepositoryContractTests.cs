using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The refresh token contract, parallel redemption included, against the real LiteDB store.</summary>
public sealed class LiteDbRefreshTokenRepositoryContractTests : RefreshTokenRepositoryContractTests, IDisposable
{
    private readonly StoreContext _context = new();

    protected override IRefreshTokenRepository CreateRepository() => new LiteDbRefreshTokenRepository(_context.Store);

    public void Dispose() => _context.Dispose();
}
