using System.Security.Cryptography;
using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(_validator.Validate(null, new StorageOptions()).Succeeded);
    }

    [Fact]
    public void Validate_ValidMasterKey_Succeeds()
    {
        var options = new StorageOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("%%%")]
    public void Validate_BadMasterKey_FailsNamingTheKeyButNotTheValue(string masterKey)
    {
        var result = _validator.Validate(null, new StorageOptions { MasterKey = masterKey });

        Assert.True(result.Failed);
        Assert.Contains("Storage:MasterKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(masterKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyDataDirectory_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new StorageOptions { DataDirectory = " " });

        Assert.True(result.Failed);
        Assert.Contains("Storage:DataDirectory", result.FailureMessage, StringComparison.Ordinal);
    }
}
