using McpSecurity.SecurityCore.TwoFactor;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwoFactorOptionsValidatorTests
{
    private static readonly TwoFactorOptionsValidator Validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var options = new TwoFactorOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal("MCP Security Server", options.Issuer);
        Assert.Equal(1, options.TotpWindow);
        Assert.Equal(SmsProviders.Outbox, options.Sms.Provider);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Sms.CodeLifetime);
        Assert.Equal(5, options.Sms.MaxAttempts);
        Assert.Equal("https://api.twilio.com", options.Sms.Twilio.BaseUrl);
    }

    public static TheoryData<string, Action<TwoFactorOptions>> BadValues => new()
    {
        { "TwoFactor:Issuer", o => o.Issuer = "" },
        { "TwoFactor:Issuer", o => o.Issuer = "Acme:Prod" },
        { "TwoFactor:Issuer", o => o.Issuer = new string('x', 65) },
        { "TwoFactor:TotpWindow", o => o.TotpWindow = -1 },
        { "TwoFactor:TotpWindow", o => o.TotpWindow = 6 },
        { "TwoFactor:Sms:Provider", o => o.Sms.Provider = "smtp" },
        { "TwoFactor:Sms:CodeLifetime", o => o.Sms.CodeLifetime = TimeSpan.FromSeconds(10) },
        { "TwoFactor:Sms:CodeLifetime", o => o.Sms.CodeLifetime = TimeSpan.FromHours(1) },
        { "TwoFactor:Sms:MaxAttempts", o => o.Sms.MaxAttempts = 0 },
        { "TwoFactor:Sms:ResendInterval", o => o.Sms.ResendInterval = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Validate_BadValue_FailsNamingTheKey(string key, Action<TwoFactorOptions> change)
    {
        var options = new TwoFactorOptions();
        change(options);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwilioWithoutCredentials_NamesEveryMissingKey()
    {
        var options = new TwoFactorOptions { Sms = { Provider = "Twilio" } };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("TwoFactor:Sms:Twilio:AccountSid", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("TwoFactor:Sms:Twilio:AuthToken", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("TwoFactor:Sms:Twilio:From", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.twilio.com", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080/twilio", true)]
    [InlineData("http://api.twilio.com", false)]
    [InlineData("https://user:pass@api.twilio.com", false)]
    [InlineData("https://api.twilio.com/?x=1", false)]
    [InlineData("api.twilio.com", false)]
    public void Validate_TwilioBaseUrl_AllowsHttpsOrLoopbackHttpOnly(string baseUrl, bool valid)
    {
        var options = Twilio();
        options.Sms.Twilio.BaseUrl = baseUrl;

        var result = Validator.Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("TwoFactor:Sms:Twilio:BaseUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_TwilioBadSidAndFrom_FailsWithoutEchoingTheToken()
    {
        var options = Twilio();
        options.Sms.Twilio.AccountSid = "SK0123";
        options.Sms.Twilio.From = "12345";

        var result = Validator.Validate(null, options);

        Assert.Contains("TwoFactor:Sms:Twilio:AccountSid", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("TwoFactor:Sms:Twilio:From", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Sms.Twilio.AuthToken!, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteTwilio_Succeeds() => Assert.True(Validator.Validate(null, Twilio()).Succeeded);

    private static TwoFactorOptions Twilio() => new()
    {
        Sms =
        {
            Provider = SmsProviders.Twilio,
            Twilio = { AccountSid = TwilioStandIn.AccountSid, AuthToken = "validator-secret-token", From = "+15005550006" },
        },
    };
}
