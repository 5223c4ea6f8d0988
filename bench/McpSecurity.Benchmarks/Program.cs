using BenchmarkDotNet.Running;
using McpSecurity.Benchmarks;

if (args is ["paired"])
{
    PairedComparison.Run();
    return;
}

if (args is ["ratelimit-paired"])
{
    RateLimitPairedComparison.Run();
    return;
}

if (args is ["redis-throughput", ..])
{
    var callers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
    RedisThroughput.Run(callers, TimeSpan.FromSeconds(5));
    return;
}

if (args is ["audit-phases"])
{
    AuditPhaseProbe.Run();
    return;
}

if (args is ["audit-probe", ..])
{
    AuditProbe.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40960,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 128);
    return;
}

if (args is ["audit-query-probe", ..])
{
    AuditQueryProbe.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}

if (args is ["password-cpu"])
{
    PasswordCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
