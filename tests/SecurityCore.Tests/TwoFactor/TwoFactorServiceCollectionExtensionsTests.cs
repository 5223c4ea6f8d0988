using System.Text.Json;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.TwoFactor;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.TwoFactor;

public sealed class TwoFactorServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AddSecurityTwoFactor_Defaults_UsesTheOutboxAndEnrolsThroughTheRealStore()
    {
        await using var provider = Build([]);
        var service = provider.GetRequiredService<ITwoFactorService>();

        Assert.IsType<OutboxSmsSender>(provider.GetRequiredService<ISmsSender>());
        await service.BeginSmsEnrollmentAsync("usr_1", "+447700900123");
        var outbox = Path.Combine(_temp.PathOf("data"), "sms-outbox.jsonl");
        using var line = JsonDocument.Parse((await File.ReadAllLinesAsync(outbox)).Single());
        var code = RecordingSmsSender.CodeOf(new SmsMessage("", line.RootElement.GetProperty("body").GetString()!));
        var confirmed = await service.ConfirmSmsEnrollmentAsync("usr_1", code);

        Assert.Equal(10, confirmed.RecoveryCodes!.Count);
        Assert.True(await service.IsEnrolledAsync("usr_1"));
        var recorded = await provider.GetRequiredService<ISecurityEventReader>().GetRecentAsync(10);
        Assert.Equal([SecurityEventTypes.TwoFactorEnrolled, SecurityEventTypes.TwoFactorSmsSent], recorded.Select(e => e.Type));
        Assert.DoesNotContain(code, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityTwoFactor_TwilioProvider_SendsThroughTheConfiguredBaseUrl()
    {
        using var twilio = new TwilioStandIn();
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["TwoFactor:Issuer"] = "Acme Security",
            ["TwoFactor:Sms:Provider"] = "twilio",
            ["TwoFactor:Sms:Twilio:BaseUrl"] = twilio.BaseUrl,
            ["TwoFactor:Sms:Twilio:AccountSid"] = TwilioStandIn.AccountSid,
            ["TwoFactor:Sms:Twilio:AuthToken"] = TwilioStandIn.AuthToken,
            ["TwoFactor:Sms:Twilio:From"] = "+15005550006",
        });
        var service = provider.GetRequiredService<ITwoFactorService>();

        var dispatch = await service.BeginSmsEnrollmentAsync("usr_1", "+447700900123");
        var request = Assert.Single(twilio.Requests);
        await service.ConfirmSmsEnrollmentAsync("usr_1", RecordingSmsSender.CodeOf(new SmsMessage("", request.Form["Body"]!)));

        Assert.IsType<TwilioSmsSender>(provider.GetRequiredService<ISmsSender>());
        Assert.Equal(SmsProviders.Twilio, dispatch.Provider);
        Assert.Equal("+447700900123", request.Form["To"]);
        Assert.StartsWith("Acme Security: ", request.Form["Body"], StringComparison.Ordinal);
        Assert.True(await service.IsEnrolledAsync("usr_1"));
        Assert.DoesNotContain(TwilioStandIn.AuthToken, _logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Form["Body"]!, _logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSecurityTwoFactor_InvalidOption_FailsNamingTheKey()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["TwoFactor:TotpWindow"] = "9" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TwoFactorOptions>>().Value);

        Assert.Contains("TwoFactor:TotpWindow", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecurityTwoFactor_CalledTwice_RegistersEachServiceOnce()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();

        services.AddSecurityTwoFactor(configuration.GetSection(TwoFactorOptions.SectionName));
        services.AddSecurityTwoFactor(configuration.GetSection(TwoFactorOptions.SectionName));

        Assert.Single(services, d => d.ServiceType == typeof(ITwoFactorService));
        Assert.Single(services, d => d.ServiceType == typeof(ISmsSender));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<TwoFactorOptions>));
    }

    [Fact]
    public async Task AddSecurityTwoFactor_SenderRegisteredEarlier_Wins()
    {
        var sender = new RecordingSmsSender();
        await using var provider = Build([], services => services.AddSingleton<ISmsSender>(sender));

        await provider.GetRequiredService<ITwoFactorService>().BeginSmsEnrollmentAsync("usr_1", "+447700900123");

        Assert.Single(sender.Messages);
    }

    private ServiceProvider Build(Dictionary<string, string?> values, Action<IServiceCollection>? before = null)
    {
        values["Storage:DataDirectory"] = _temp.PathOf("data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        before?.Invoke(services);
        services.AddSecurityStorage(configuration.GetSection(StorageOptions.SectionName));
        services.AddSecurityEvents();
        services.AddSecurityTwoFactor(configuration.GetSection(TwoFactorOptions.SectionName));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
