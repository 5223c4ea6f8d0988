using McpSecurity.SecurityCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>At start and every <see cref="TokenOptions.SweepInterval"/>: sweeps expired revocations, refresh tokens and challenges, prunes dead keys.</summary>
internal sealed partial class TokenMaintenanceService(
    ITokenRevocationService revocations,
    IRefreshTokenRepository refreshTokens,
    SigningKeyService keys,
    MfaChallengeStore challenges,
    IOptions<TokenOptions> options,
    TimeProvider timeProvider,
    ILogger<TokenMaintenanceService> logger) : BackgroundService
{
    /// <summary>Runs one sweep.</summary>
    internal void SweepOnce()
    {
        var revoked = revocations.SweepExpired();
        var refresh = refreshTokens.DeleteExpired(timeProvider.GetUtcNow());
        var pruned = keys.PruneExpired();
        var lapsed = challenges.SweepExpired();
        LogSwept(logger, revoked, refresh, pruned, lapsed);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer exists before the first sweep, so a sweep observed means the schedule runs. Sweeping at start
        // also clears what expired while the server was down.
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                SweepOnce();
            }
#pragma warning disable CA1031 // A store hiccup must not stop the host; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "Token sweep: {Revocations} revocations, {RefreshTokens} refresh tokens, {Keys} keys, {Challenges} challenges removed")]
    private static partial void LogSwept(ILogger logger, int revocations, int refreshTokens, int keys, int challenges);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Token sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
