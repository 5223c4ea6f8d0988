namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>Hands out plain clients with a short timeout (the registration configures the real one).</summary>
internal sealed class TestHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(10) };
}
