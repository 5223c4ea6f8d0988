using System.Collections;
using McpSecurity.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace McpSecurity.Tests.Server.Hosting;

public sealed class ConfigurationPreflightTests
{
    [Fact]
    public void Check_KnownKeysWithGoodValues_Passes()
    {
        var configuration = Build(new()
        {
            ["Tokens:AccessTokenLifetime"] = "00:10:00",
            ["Tokens:DefaultScopes:0"] = "mcp",
            ["Identity:PasswordPolicy:MinimumLength"] = "12",
            ["Mcp:AllowedHosts:0"] = "localhost",
            ["Kestrel:Limits:MaxConcurrentConnections"] = "100",
        });

        ConfigurationPreflight.Check(configuration, [], new Hashtable());
    }

    [Fact]
    public void Check_ClerkSectionWithMappingsAndLists_Passes()
    {
        var configuration = Build(new()
        {
            ["Clerk:Enabled"] = "true",
            ["Clerk:Issuer"] = "https://clerk.example.com",
            ["Clerk:AuthorizedParties:0"] = "https://app.example.com",
            ["Clerk:RoleMapping:reviewer"] = "security_reviewer",
            ["Clerk:OrganizationRoleMapping:admin"] = "tech_lead architect",
            ["Clerk:JwksCacheLifetime"] = "01:00:00",
        });

        ConfigurationPreflight.Check(configuration, [], new Hashtable { ["MCPSEC__Clerk__SecretKey"] = "sk_test_x" });
    }

    [Fact]
    public void Check_AuditSectionWithListsAndAnchors_Passes()
    {
        var configuration = Build(new()
        {
            ["Audit:CheckpointEveryEntries"] = "500",
            ["Audit:CheckpointInterval"] = "00:00:30",
            ["Audit:AnchorFilePath"] = "/var/lib/anchors/audit.jsonl",
            ["Audit:AnchorWebhookUrl"] = "https://anchors.example.com/in",
            ["Audit:DropFields:0"] = "pager_pin",
            ["Audit:HashFields:0"] = "ward",
        });

        ConfigurationPreflight.Check(configuration, [], new Hashtable());
    }

    [Theory]
    [InlineData("Audit:CheckpointEvery", "10", "Unknown configuration key 'Audit:CheckpointEvery'")]
    [InlineData("Audit:CheckpointInterval", "soon", "'Audit:CheckpointInterval' has a value that is not a time span")]
    [InlineData("Tokens:AccessTokenLifetme", "00:10:00", "Unknown configuration key 'Tokens:AccessTokenLifetme'")]
    [InlineData("Tokens:ClockSkew", "thirty seconds", "'Tokens:ClockSkew' has a value that is not a time span")]
    [InlineData("Tokens:ValidationCacheSize", "many", "'Tokens:ValidationCacheSize' has a value that is not an integer")]
    [InlineData("Identity:PasswordRules:MinimumLength", "12", "Unknown configuration section 'Identity:PasswordRules'")]
    [InlineData("Storage:Directory", "/tmp", "Unknown configuration key 'Storage:Directory'")]
    [InlineData("Clerk:SecretKy", "sk_test_x", "Unknown configuration key 'Clerk:SecretKy'")]
    [InlineData("Clerk:ClockSkew", "5s", "'Clerk:ClockSkew' has a value that is not a time span")]
    public void Check_BadKeyOrValue_FailsNamingTheKey(string key, string value, string expected)
    {
        var configuration = Build(new() { [key] = value });

        var failure = Assert.Throws<StartupFailureException>(() => ConfigurationPreflight.Check(configuration, [], new Hashtable()));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidConfiguration, failure.ExitCode);
    }

    [Fact]
    public void Check_UnknownSectionInOurEnvironmentVariables_Fails()
    {
        var environment = new Hashtable { ["MCPSEC__Tokenz__Issuer"] = "http://x", ["PATH"] = "/usr/bin" };

        var failure = Assert.Throws<StartupFailureException>(() => ConfigurationPreflight.Check(Build(new()), [], environment));

        Assert.Contains("MCPSEC__Tokenz__Issuer", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PATH", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Tokenz:Issuer=http://x", false)]
    [InlineData("--Tokens:Issuer=http://x", true)]
    [InlineData("--environment=Development", true)]
    [InlineData("--urls=http://127.0.0.1:1", true)]
    public void Check_CommandLineOverride_OnlyKnownSectionsAndHostKeys(string argument, bool accepted)
    {
        var check = () => ConfigurationPreflight.Check(Build(new()), [argument], new Hashtable());

        if (accepted)
        {
            check();
        }
        else
        {
            Assert.Contains("Tokenz", Assert.Throws<StartupFailureException>(check).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_SecretValueThatFailsConversion_IsNotEchoed()
    {
        var configuration = Build(new() { ["Tokens:ValidationCacheLifetime"] = "s3cr3t-looking-value" });

        var failure = Assert.Throws<StartupFailureException>(() => ConfigurationPreflight.Check(configuration, [], new Hashtable()));

        Assert.DoesNotContain("s3cr3t-looking-value", failure.Message, StringComparison.Ordinal);
    }

    private static IConfigurationRoot Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
