using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Fakes;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The refresh token repository contract against the in-memory fake the token tests use.</summary>
public sealed class InMemoryRefreshTokenRepositoryTests : RefreshTokenRepositoryContractTests
{
    protected override IRefreshTokenRepository CreateRepository() => new InMemoryRefreshTokenRepository();
}
