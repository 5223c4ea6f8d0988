using BenchmarkDotNet.Running;
using McpSecurity.Benchmarks;

if (args is ["paired"])
{
    PairedComparison.Run();
    return;
}

if (args is ["redis-throughput", ..])
{
    var callers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
    RedisThroughput.Run(callers, TimeSpan.FromSeconds(5));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
