using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// The principal of the stdio session: the client named by <c>MCPSEC_CLIENT_ID</c>, authenticated with
/// <c>client_credentials</c> at start and again whenever its access token nears expiry or stops validating.
/// </summary>
/// <remarks>Every call validates the held token again, so a revocation takes effect on the next call.</remarks>
internal sealed partial class StdioClientSession(
    StdioCredentials credentials,
    ITokenGrantService grants,
    IAccessTokenValidator validator,
    TimeProvider time,
    ILogger<StdioClientSession> logger) : IStdioCallerSource, IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _accessToken;

    public async ValueTask<Caller?> GetCallerAsync(CancellationToken cancellationToken)
    {
        if (!credentials.IsConfigured)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_accessToken is not null)
            {
                var current = validator.Validate(_accessToken);
                if (current.Token is { } held && held.ExpiresAt - time.GetUtcNow() > RenewBefore)
                {
                    return Caller.FromToken(held);
                }
            }

            _accessToken = null;
            var grant = await grants.ClientCredentialsAsync(
                credentials.ClientId!, credentials.ClientSecret!, scope: null, new TokenRequestContext("stdio"), cancellationToken);
            if (grant.Tokens is null)
            {
                LogRefused(logger, credentials.ClientId!, grant.ErrorCode ?? "unknown");
                throw new SecurityException(
                    grant.ErrorCode ?? SecurityErrorCodes.InvalidCredentials,
                    $"The stdio session's client credentials ({StdioCredentials.ClientIdVariable}, {StdioCredentials.ClientSecretVariable}) were refused.");
            }

            var validated = validator.Validate(grant.Tokens.AccessToken);
            if (validated.Token is null)
            {
                throw new SecurityException(validated.ErrorCode ?? SecurityErrorCodes.InternalError, "The stdio session's access token did not validate.");
            }

            _accessToken = grant.Tokens.AccessToken;
            LogAuthenticated(logger, validated.Token.ClientId, validated.Token.TokenId);
            return Caller.FromToken(validated.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "stdio session authenticated as client {ClientId} (token {TokenId})")]
    private static partial void LogAuthenticated(ILogger logger, string clientId, string tokenId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "stdio session credentials for client {ClientId} were refused ({Code})")]
    private static partial void LogRefused(ILogger logger, string clientId, string code);
}
