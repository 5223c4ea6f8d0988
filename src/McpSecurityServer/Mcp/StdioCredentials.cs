namespace McpSecurity.Server.Mcp;

/// <summary>The client credentials of the stdio session, from <c>MCPSEC_CLIENT_ID</c> and <c>MCPSEC_CLIENT_SECRET</c>.</summary>
/// <param name="ClientId">The client id, or null.</param>
/// <param name="ClientSecret">The client secret, or null. Secret: never log it.</param>
internal sealed record StdioCredentials(string? ClientId, string? ClientSecret)
{
    public const string ClientIdVariable = "MCPSEC_CLIENT_ID";
    public const string ClientSecretVariable = "MCPSEC_CLIENT_SECRET";

    /// <summary>Gets whether both values are present.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret);

    /// <summary>Reads the credentials from the process environment.</summary>
    public static StdioCredentials FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(ClientIdVariable), Environment.GetEnvironmentVariable(ClientSecretVariable));

    /// <inheritdoc />
    public override string ToString() => $"StdioCredentials {{ ClientId = {ClientId} }}";
}
