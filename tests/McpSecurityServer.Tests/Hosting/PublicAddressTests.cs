using McpSecurity.Server.Hosting;

namespace McpSecurity.Tests.Server.Hosting;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://localhost:6000;http://127.0.0.1:6001", "http://localhost:6000")]
    [InlineData("http://*:7000", "http://127.0.0.1:7000")]
    [InlineData("http://0.0.0.0:7000", "http://127.0.0.1:7000")]
    [InlineData("https://mcp.example.org", "https://mcp.example.org")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("", null)]
    public void FromUrls_ListenUrls_GiveTheBaseUrlOfTheFirst(string urls, string? expected)
    {
        Assert.Equal(expected, PublicAddress.FromUrls(urls));
    }
}
