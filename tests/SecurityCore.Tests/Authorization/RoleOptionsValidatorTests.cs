using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.Tests.SecurityCore.Events;
using McpSecurity.Tests.SecurityCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.Authorization;

public sealed class RoleOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(RoleOptions options) => new RoleOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validate(new RoleOptions()).Succeeded);

    [Fact]
    public void Validate_PatternsAndNewRole_Succeed()
    {
        var options = new RoleOptions();
        options.Permissions["developer"] = ["handoff:*", "dashboard:view"];
        options.Permissions["auditor"] = ["audit:read"];

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void Validate_UnknownPermission_RefusedNamingTheKeyAndTheValue()
    {
        var options = new RoleOptions();
        options.Permissions["developer"] = ["handoff:read", "handoff:delete"];

        var result = Validate(options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Identity:Roles:Permissions:developer:1", failure, StringComparison.Ordinal);
        Assert.Contains("'handoff:delete'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Admin_RefusedBecauseItAlwaysHoldsEverything()
    {
        var options = new RoleOptions();
        options.Permissions["admin"] = ["audit:read"];

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Contains("Identity:Roles:Permissions:admin", failure, StringComparison.Ordinal);
        Assert.Contains("every permission", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Developer")]
    [InlineData("9lives")]
    [InlineData("has space")]
    public void Validate_InvalidRoleName_RefusedNamingTheKey(string role)
    {
        var options = new RoleOptions();
        options.Permissions[role] = ["audit:read"];

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.Contains($"Identity:Roles:Permissions:{role}", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(601)]
    public void Validate_CacheLifetimeOutOfRange_RefusedNamingTheKey(int seconds)
    {
        var failure = Assert.Single(Validate(new RoleOptions { CacheLifetime = TimeSpan.FromSeconds(seconds) }).Failures!);

        Assert.Contains("Identity:Roles:CacheLifetime", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecurityAuthorization_UnknownPermissionInConfiguration_StopsAtStartNamingTheKey()
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = temp.PathOf("data"),
            ["Identity:Roles:Permissions:qa_engineer:0"] = "compliance:run",
            ["Identity:Roles:Permissions:qa_engineer:1"] = "tests:run",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSecurityStorage(configuration.GetSection("Storage"));
        services.AddSingleton<global::McpSecurity.SecurityCore.Events.ISecurityEventSink>(new RecordingSecurityEventSink());
        services.AddSecurityAuthorization(configuration.GetSection(RoleOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var refusal = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Identity:Roles:Permissions:qa_engineer:1", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'tests:run'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSecurityAuthorization_ConfiguredRole_ReplacesThatRolesDefaultsOnly()
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = temp.PathOf("data"),
            ["Identity:Roles:Permissions:developer:0"] = "handoff:read",
            ["Identity:Roles:Permissions:auditor:0"] = "audit:*",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSecurityStorage(configuration.GetSection("Storage"));
        services.AddSingleton<global::McpSecurity.SecurityCore.Events.ISecurityEventSink>(new RecordingSecurityEventSink());
        services.AddSecurityAuthorization(configuration.GetSection(RoleOptions.SectionName));
        services.AddSecurityAuthorization(configuration.GetSection(RoleOptions.SectionName));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var roles = provider.GetRequiredService<IRoleService>();

        Assert.Equal(["handoff:read"], roles.Find("developer")!.Permissions);
        Assert.Equal(["audit:read", "audit:verify", "audit:export"], roles.Find("auditor")!.Permissions);
        Assert.Equal(DefaultRolePermissions.Map["tech_lead"].Order(StringComparer.Ordinal), roles.Find("tech_lead")!.Permissions.Order(StringComparer.Ordinal));
        Assert.Equal(Permissions.All, roles.Find("admin")!.Permissions);
        Assert.Single(provider.GetServices<IPermissionChecker>());
    }
}
