using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using LiteDB;
using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Audit;

/// <summary>The built server, killed with SIGKILL in the middle of a burst of audited requests, loses no acknowledged event.</summary>
[Collection(ServerProcessGroup.Name)]
public sealed class AuditDurabilityTests
{
    private const int AcknowledgedBeforeKill = 200;

    [Fact]
    public async Task Sigkill_DuringABurstOfFailedClientLogins_EveryAcknowledgedEventSurvivesAndTheTrailVerifies()
    {
        using var data = await PreparedDataDirectory.CreateAsync("audit-sigkill");
        var baseAddress = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        var acknowledged = new ConcurrentBag<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var server = ServerProcess.Start(
            ["serve", "--data-dir", data.Path, "--urls", baseAddress.ToString(), "--Audit:CheckpointEveryEntries=25"], data.AdminEnvironment))
        {
            await server.WaitUntilReadyAsync(baseAddress);
            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    HttpResponseMessage response;
                    try
                    {
                        // A failed client authentication is one client_authenticated event carrying the request id.
                        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["grant_type"] = "client_credentials",
                            ["client_id"] = $"ghost-{worker}-{i}",
                            ["client_secret"] = "not-the-secret",
                        });
                        response = await http.PostAsync("/oauth/token", form);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // The server is gone.
                    }

                    using (response)
                    {
                        // The answer came after the event was committed: it is acknowledged.
                        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                        acknowledged.Add(response.Headers.GetValues("X-Request-Id").Single());
                    }

                    if (acknowledged.Count >= AcknowledgedBeforeKill)
                    {
                        enough.TrySetResult();
                    }
                }
            })).ToArray();

            await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await server.KillAsync();
            await Task.WhenAll(workers);
        }

        // Restart on the same directory: verify (twice, so that the first run's own audit event is chained and checked too).
        var first = await ServerProcess.RunAsync(["audit", "verify", "--json", "--data-dir", data.Path], data.AdminEnvironment);
        var second = await ServerProcess.RunAsync(["audit", "verify", "--json", "--data-dir", data.Path], data.AdminEnvironment);

        Assert.True(first.ExitCode == 0, first.StandardOutput + first.StandardError);
        Assert.True(second.ExitCode == 0, second.StandardOutput + second.StandardError);
        using var report = JsonDocument.Parse(second.StandardOutput);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean());
        Assert.True(report.RootElement.GetProperty("entries_checked").GetInt64() >= AcknowledgedBeforeKill);

        var recorded = RecordedRequestIds(data.Path);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        Assert.All(acknowledged, requestId => Assert.Contains(requestId, recorded));
    }

    [Fact]
    public async Task AuditVerify_EntryDeletedFromTheFile_ExitsNonZeroNamingTheSequence()
    {
        using var data = await PreparedDataDirectory.CreateAsync("audit-tamper");
        var clean = await ServerProcess.RunAsync(["audit", "verify", "--data-dir", data.Path], data.AdminEnvironment);
        Assert.True(clean.ExitCode == 0, clean.StandardOutput + clean.StandardError);
        Assert.Contains("Audit trail OK", clean.StandardOutput, StringComparison.Ordinal);

        using (var database = Open(data.Path, readOnly: false))
        {
            Assert.True(database.GetCollection("audit_entries").Delete(2));
        }

        var tampered = await ServerProcess.RunAsync(["audit", "verify", "--data-dir", data.Path], data.AdminEnvironment);

        Assert.Equal(5, tampered.ExitCode);
        Assert.Contains("AUDIT_SEQUENCE_GAP at sequence 2", tampered.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", tampered.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadAuditOption_RefusesToStartNamingTheKey()
    {
        using var data = new TempDirectory("audit-config");

        var result = await ServerProcess.RunAsync(["init", "--data-dir", data.Path, "--Audit:CheckpointEveryEntries=0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Audit:CheckpointEveryEntries", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static HashSet<string> RecordedRequestIds(string dataDirectory)
    {
        using var database = Open(dataDirectory, readOnly: true);
        return [.. database.GetCollection("audit_entries").FindAll()
            .Where(d => d.TryGetValue("request_id", out var id) && id.IsString)
            .Select(d => d["request_id"].AsString)];
    }

    private static LiteDatabase Open(string dataDirectory, bool readOnly) =>
        new(new ConnectionString { Filename = Path.Combine(dataDirectory, "security.db"), Connection = ConnectionType.Direct, ReadOnly = readOnly });
}
