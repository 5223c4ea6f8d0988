using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.Infrastructure;
using McpSecurity.Tests.SecurityCore.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwilioSmsSenderTests : IDisposable
{
    private const string Body = "MCP Security Server: your sign-in code is 482915. It expires in 5 minutes. Never share it.";
    private readonly TwilioStandIn _twilio = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public TwilioSmsSenderTests() => _loggerFactory = _logs.CreateFactory();

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _twilio.Dispose();
    }

    [Fact]
    public async Task SendAsync_Accepted_PostsTheFormWithBasicAuthAndReturnsTheMessageSid()
    {
        var result = await Sender().SendAsync(new SmsMessage("+447700900123", Body));

        Assert.Equal(SmsProviders.Twilio, result.Provider);
        Assert.StartsWith("SM", result.MessageId, StringComparison.Ordinal);
        Assert.Equal("queued", result.Status);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioStandIn.AccountSid}/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("+447700900123", request.Form["To"]);
        Assert.Equal("+15005550006", request.Form["From"]);
        Assert.Equal(Body, request.Form["Body"]);
        Assert.Equal(["To", "From", "Body"], request.Form.AllKeys.Select(k => k!));
    }

    [Fact]
    public async Task SendAsync_BaseUrlWithTrailingSlashOrPath_StillPostsToTheMessagesResource()
    {
        await Sender(baseUrl: _twilio.BaseUrl + "/").SendAsync(new SmsMessage("+447700900123", Body));

        Assert.Equal($"/2010-04-01/Accounts/{TwilioStandIn.AccountSid}/Messages.json", Assert.Single(_twilio.Requests).Path);
    }

    [Fact]
    public async Task SendAsync_TwilioError_MapsToSmsDeliveryFailedWithTheProviderCodeAndNoSecrets()
    {
        _twilio.Error = (400, """{"code":21211,"message":"Invalid 'To' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400}""");

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Sender().SendAsync(new SmsMessage("+447700900123", Body)));

        Assert.Equal(SecurityErrorCodes.SmsDeliveryFailed, refusal.Code);
        Assert.Contains("21211", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(21211, refusal.Details!["provider_error_code"]);
        Assert.Equal(400, refusal.Details["http_status"]);
        Assert.Equal("twilio", refusal.Details["provider"]);
        var everything = refusal.Message + string.Join(',', refusal.Details.Values) + _logs.AllText;
        Assert.DoesNotContain(TwilioStandIn.AuthToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("482915", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("+447700900123", everything, StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Values.GetValueOrDefault("ProviderErrorCode") == "21211");
    }

    [Fact]
    public async Task SendAsync_WrongAuthToken_MapsTheAuthenticationErrorWithoutEchoingTheToken()
    {
        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Sender(authToken: "wrong-token-value").SendAsync(new SmsMessage("+447700900123", Body)));

        Assert.Equal(SecurityErrorCodes.SmsDeliveryFailed, refusal.Code);
        Assert.Equal(20003, refusal.Details!["provider_error_code"]);
        Assert.Equal(401, refusal.Details["http_status"]);
        Assert.DoesNotContain("wrong-token-value", refusal.Message + _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ProviderUnreachable_MapsToSmsDeliveryFailed()
    {
        var closedPort = LoopbackPorts.Next();

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => Sender(baseUrl: $"http://127.0.0.1:{closedPort}").SendAsync(new SmsMessage("+447700900123", Body)));

        Assert.Equal(SecurityErrorCodes.SmsDeliveryFailed, refusal.Code);
        Assert.Contains("could not be reached", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TwilioStandIn.AuthToken, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotConfigured_RefusesNamingTheKeys()
    {
        var sender = new TwilioSmsSender(new PlainHttpClientFactory(), Options.Create(new TwoFactorOptions()), _loggerFactory.CreateLogger<TwilioSmsSender>());

        var refusal = await Assert.ThrowsAsync<SecurityException>(() => sender.SendAsync(new SmsMessage("+447700900123", Body)));

        Assert.Equal(SecurityErrorCodes.SmsDeliveryFailed, refusal.Code);
        Assert.Contains("TwoFactor:Sms:Twilio:AccountSid", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_twilio.Requests);
    }

    private TwilioSmsSender Sender(string? baseUrl = null, string authToken = TwilioStandIn.AuthToken)
    {
        var options = new TwoFactorOptions
        {
            Sms =
            {
                Provider = SmsProviders.Twilio,
                Twilio = { BaseUrl = baseUrl ?? _twilio.BaseUrl, AccountSid = TwilioStandIn.AccountSid, AuthToken = authToken, From = "+15005550006" },
            },
        };
        return new TwilioSmsSender(new PlainHttpClientFactory(), Options.Create(options), _loggerFactory.CreateLogger<TwilioSmsSender>());
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(10) };
    }
}
