using BenchmarkDotNet.Running;
using McpSecurity.Benchmarks;

if (args is ["paired"])
{
    PairedComparison.Run();
    return;
}

if (args is ["password-cpu"])
{
    PasswordCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
