using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Clerk;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Clerk;

public sealed class ClerkBackendClientTests : IAsyncLifetime
{
    private ClerkTestContext _context = null!;

    public Task InitializeAsync()
    {
        _context = new ClerkTestContext();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task GetUserAsync_KnownUser_ParsesTheClerkUserObjectWithTheBearerSecretKey()
    {
        var fetch = await _context.Backend.GetUserAsync(ClerkTestContext.AdaId);

        var profile = fetch.Profile;
        Assert.NotNull(profile);
        Assert.Null(fetch.ErrorCode);
        Assert.Equal(ClerkTestContext.AdaId, profile.Id);
        Assert.Equal("ada.lovelace", profile.Username);
        Assert.Equal("Ada", profile.FirstName);
        Assert.Equal("Lovelace", profile.LastName);
        Assert.Equal("Ada Lovelace", profile.FullName);
        Assert.Equal("ada@example.org", profile.PrimaryEmail);
        Assert.True(profile.PrimaryEmailVerified);
        Assert.Equal(["reviewer"], profile.MetadataRoles);
        Assert.False(profile.Banned);
        Assert.False(profile.Locked);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717000500000), profile.UpdatedAt);
        Assert.Equal([$"GET /v1/users/{ClerkTestContext.AdaId} auth=ok"], _context.StandIn.Requests);
    }

    [Fact]
    public async Task GetUserAsync_UnknownUser_ReturnsClerkUserNotFound()
    {
        var fetch = await _context.Backend.GetUserAsync("user_2mQZZZZZZZZZZZZZZZZZZZZZZZZ");

        Assert.Null(fetch.Profile);
        Assert.Equal(SecurityErrorCodes.ClerkUserNotFound, fetch.ErrorCode);
        Assert.Contains(_context.Logs.Entries, e => e.Message.Contains("resource_not_found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetUserAsync_WrongSecretKey_IsUnavailableAndLogsWithoutTheKey()
    {
        var wrongKey = "sk_test_wrong_" + Guid.NewGuid().ToString("N");
        await using var context = new ClerkTestContext(o => o.SecretKey = wrongKey);

        var fetch = await context.Backend.GetUserAsync(ClerkTestContext.AdaId);

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
        Assert.Equal([$"GET /v1/users/{ClerkTestContext.AdaId} auth=bad"], context.StandIn.Requests);
        Assert.Contains(context.Logs.Entries, e => e.Message.Contains("refused the configured secret key (HTTP 401, error code authentication_invalid)", StringComparison.Ordinal));
        Assert.DoesNotContain(wrongKey, context.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, fetch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUserAsync_ServerError_IsUnavailable()
    {
        _context.StandIn.UsersStatusOverride = 500;

        var fetch = await _context.Backend.GetUserAsync(ClerkTestContext.AdaId);

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
        Assert.Contains(_context.Logs.Entries, e => e.Message.Contains("HTTP 500 internal_clerk_error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../v1/jwks")]
    [InlineData("user_1?x=1")]
    [InlineData("")]
    [InlineData("user 1")]
    public async Task GetUserAsync_IllFormedId_IsRefusedWithoutARequest(string id)
    {
        var fetch = await _context.Backend.GetUserAsync(id);

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
        Assert.Empty(_context.StandIn.Requests);
    }

    [Fact]
    public async Task GetUserAsync_AnswerForAnotherUser_IsRefused()
    {
        _context.StandIn.AddUser("user_2mQOTHER", ClerkTestContext.Fixture("user.json"));

        var fetch = await _context.Backend.GetUserAsync("user_2mQOTHER");

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
    }

    [Fact]
    public async Task GetUserAsync_NotJson_IsUnavailable()
    {
        _context.StandIn.AddUser("user_2mQJUNK", "<html>gateway</html>");

        var fetch = await _context.Backend.GetUserAsync("user_2mQJUNK");

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
    }

    [Fact]
    public async Task GetUserAsync_Unreachable_IsUnavailable()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ClerkOptions { BackendApiBaseUrl = "http://127.0.0.1:1", SecretKey = _context.SecretKey });
        var client = new ClerkBackendClient(new TestHttpClientFactory(), options, NullLogger<ClerkBackendClient>.Instance);

        var fetch = await client.GetUserAsync(ClerkTestContext.AdaId);

        Assert.Equal(SecurityErrorCodes.ClerkUnavailable, fetch.ErrorCode);
    }

    [Fact]
    public async Task GetUserAsync_BaseUrlWithTrailingSlash_BuildsTheSamePath()
    {
        await using var context = new ClerkTestContext(o => o.BackendApiBaseUrl += "/");
        context.StandIn.AddUser(ClerkTestContext.AdaId, ClerkTestContext.Fixture("user.json"));

        var fetch = await context.Backend.GetUserAsync(ClerkTestContext.AdaId);

        Assert.NotNull(fetch.Profile);
        Assert.Equal([$"GET /v1/users/{ClerkTestContext.AdaId} auth=ok"], context.StandIn.Requests);
    }
}
