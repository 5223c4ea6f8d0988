using System.Diagnostics;
using System.Globalization;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>
/// A real three-node Redis Cluster on free loopback ports (three primaries, no replicas), made with
/// <c>redis-cli --cluster create</c> as an operator would.
/// </summary>
public sealed class RedisCluster : IDisposable
{
    private readonly List<RedisServer> _nodes = [];

    public RedisCluster()
    {
        try
        {
            for (var i = 0; i < 3; i++)
            {
                // The bus port would default to port + 10000, which can pass 65535 from the ephemeral range: pick a free one.
                var busPort = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture);
                _nodes.Add(new RedisServer(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000", "--cluster-port", busPort]));
            }

            RedisCli(["--cluster", "create", .. _nodes.Select(n => n.Configuration), "--cluster-replicas", "0", "--cluster-yes"]);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!_nodes.All(n => RedisCli(["-p", n.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"]).Contains("cluster_state:ok", StringComparison.Ordinal)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The Redis cluster did not reach cluster_state:ok within 30 s.");
                }

                Thread.Sleep(100);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the StackExchange.Redis configuration naming every node.</summary>
    public string Configuration => string.Join(",", _nodes.Select(n => n.Configuration));

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _nodes.Clear();
    }

    private static string RedisCli(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start (is the redis-tools package installed?).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {output} {error.Result}");
        }

        return output;
    }
}
