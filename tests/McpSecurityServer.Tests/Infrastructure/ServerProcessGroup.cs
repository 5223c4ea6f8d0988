namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>Tests that start server processes run one at a time: the machine is small and ports and CPU are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcessGroup
{
    public const string Name = "Server processes";
}
