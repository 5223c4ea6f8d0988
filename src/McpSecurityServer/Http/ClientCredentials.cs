namespace McpSecurity.Server.Http;

/// <summary>Client credentials presented to an OAuth endpoint.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret. Secret: never log it.</param>
/// <param name="ViaBasic">Whether they came in HTTP Basic (client_secret_basic) rather than the form (client_secret_post).</param>
internal sealed record ClientCredentials(string ClientId, string ClientSecret, bool ViaBasic)
{
    /// <inheritdoc />
    public override string ToString() => $"ClientCredentials {{ ClientId = {ClientId} }}";
}
