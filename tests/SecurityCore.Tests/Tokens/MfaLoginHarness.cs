using McpSecurity.SecurityCore.Tokens;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.TwoFactor;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>The grant service wired to the real two-factor service (LiteDB, fake clocks advanced together).</summary>
internal sealed class MfaLoginHarness : IDisposable
{
    public const string Password = "correct horse battery staple";

    public MfaLoginHarness(TwoFactorOptions? options = null)
    {
        Tokens = TokenTestHarness.Create();
        TwoFactor = new TwoFactorTestContext(TokenTestHarness.Start, options);
        Grants = new TokenGrantService(Tokens.Users, Tokens.Clients, Tokens.Issuer, Tokens.Validator, Tokens.Revocations, Tokens.RefreshTokens,
            Tokens.Challenges, Microsoft.Extensions.Options.Options.Create(Tokens.Options), Tokens.Publisher, Tokens.Time,
            NullLogger<TokenGrantService>.Instance, TwoFactor.Service, Microsoft.Extensions.Options.Options.Create(TwoFactor.Options));
    }

    public TokenTestHarness Tokens { get; }

    public TwoFactorTestContext TwoFactor { get; }

    public TokenGrantService Grants { get; }

    public static TokenRequestContext Context { get; } = new("127.0.0.1", "req-1");

    public void Advance(TimeSpan by)
    {
        Tokens.Time.Advance(by);
        TwoFactor.Time.Advance(by);
    }

    /// <summary>Adds a user with a confirmed authenticator; returns its id, secret and recovery codes.</summary>
    public async Task<(string UserId, string Secret, IReadOnlyList<string> RecoveryCodes)> AddTotpUserAsync(string username, params string[] roles)
    {
        var user = Tokens.Users.Add(username, Password, roles);
        var (enrollment, codes) = await TwoFactor.EnrollTotpAsync(user.Id);
        // The confirming code used up the current time step; the login uses the next one.
        Advance(TimeSpan.FromSeconds(30));
        return (user.Id, enrollment.Secret, codes);
    }

    public string CurrentCode(string secret) => TwoFactor.CurrentCode(secret);

    public IReadOnlyList<string> AmrOf(TokenGrantResult result)
    {
        Assert.NotNull(result.Tokens);
        var validated = Tokens.Validator.Validate(result.Tokens.AccessToken);
        Assert.NotNull(validated.Token);
        return validated.Token.AuthenticationMethods;
    }

    public void Dispose()
    {
        TwoFactor.Dispose();
        Tokens.Dispose();
    }
}
