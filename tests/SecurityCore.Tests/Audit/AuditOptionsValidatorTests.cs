using McpSecurity.SecurityCore.Audit;

namespace McpSecurity.Tests.SecurityCore.Audit;

public sealed class AuditOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Audit:CheckpointEveryEntries")]
    [InlineData("Audit:CheckpointInterval")]
    [InlineData("Audit:MaxBatchSize")]
    [InlineData("Audit:AnchorWebhookUrl")]
    [InlineData("Audit:AnchorWebhookTimeout")]
    [InlineData("Audit:DropFields")]
    public void Validate_BadValue_NamesTheKey(string key)
    {
        var options = key switch
        {
            "Audit:CheckpointEveryEntries" => new AuditOptions { CheckpointEveryEntries = 0 },
            "Audit:CheckpointInterval" => new AuditOptions { CheckpointInterval = TimeSpan.Zero },
            "Audit:MaxBatchSize" => new AuditOptions { MaxBatchSize = 0 },
            "Audit:AnchorWebhookUrl" => new AuditOptions { AnchorWebhookUrl = "http://anchors.example.com/in" },
            "Audit:AnchorWebhookTimeout" => new AuditOptions { AnchorWebhookTimeout = TimeSpan.Zero },
            _ => new AuditOptions { DropFields = [" "] },
        };

        var result = new AuditOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://anchors.example.com/in")]
    [InlineData("http://127.0.0.1:8080/in")]
    [InlineData("http://localhost/in")]
    public void Validate_GoodWebhookUrl_Succeeds(string url)
    {
        Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions { AnchorWebhookUrl = url }).Succeeded);
    }
}
