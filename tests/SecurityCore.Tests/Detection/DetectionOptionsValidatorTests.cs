using McpSecurity.SecurityCore.Detection;
using Microsoft.Extensions.Configuration;

namespace McpSecurity.Tests.SecurityCore.Detection;

/// <summary>Bad detection settings are refused naming the key; the defaults are valid.</summary>
public sealed class DetectionOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new DetectionOptionsValidator().Validate(null, new DetectionOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Detection:BruteForce:Threshold", "0", "Detection:BruteForce:Threshold")]
    [InlineData("Detection:CredentialStuffing:Window", "2.00:00:00", "Detection:CredentialStuffing:Window")]
    [InlineData("Detection:Enumeration:Severity", "urgent", "Detection:Enumeration:Severity")]
    [InlineData("Detection:PasswordSpraying:Responses:0", "lock_account", "Detection:PasswordSpraying:Responses:0")]
    [InlineData("Detection:BruteForce:Responses:0", "nuke", "Detection:BruteForce:Responses:0")]
    [InlineData("Detection:SignatureFailure:BlockDuration", "00:00:00", "Detection:SignatureFailure:BlockDuration")]
    [InlineData("Detection:AllowList:0", "10.0.0.300", "Detection:AllowList:0")]
    [InlineData("Detection:MaxTrackedKeys", "5", "Detection:MaxTrackedKeys")]
    [InlineData("Detection:RateLimitStorm:Treshold", "5", "Detection:RateLimitStorm:Treshold")]
    public void Validate_BadSetting_FailsNamingTheKey(string key, string value, string named)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build().GetSection(DetectionOptions.SectionName);
        var options = new DetectionOptions();
        section.Bind(options);

        var result = new DetectionOptionsValidator(section).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }
}
