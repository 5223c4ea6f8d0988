using McpSecurity.Handoff;

namespace McpSecurity.Tests.Handoff;

public sealed class HandoffAssemblyTests
{
    [Fact]
    public void Phase6ContractVersion_IsTheContractsDefaultReportVersion()
    {
        Assert.Equal("1.0.0", HandoffAssembly.Phase6ContractVersion);
    }
}
