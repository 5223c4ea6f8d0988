using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The refresh token repository contract (parallel single-use redemption above all) against the real LiteDB store.</summary>
public sealed class LiteDbRefreshTokenRepositoryContractTests : RefreshTokenRepositoryContractTests, IDisposable
{
    private readonly StoreContext _context = new();

    public void Dispose() => _context.Dispose();

    protected override IRefreshTokenRepository CreateRepository() => new LiteDbRefreshTokenRepository(_context.Store);
}
