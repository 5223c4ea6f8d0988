using McpSecurity.Handoff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.Handoff.Workflow;

public sealed class HandoffServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHandoff_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddHandoff();
        services.AddHandoff();

        Assert.Single(services, d => d.ServiceType == typeof(IHandoffWorkflow));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<HandoffWorkflowOptions>));
    }

    [Fact]
    public void AddHandoff_BadOptions_FailNamingTheKey()
    {
        using var provider = new ServiceCollection().AddHandoff(o =>
        {
            o.MaxWriteAttempts = 0;
            o.DefaultRequiredSignOffs.Add(SignOffRole.Developer);
        }).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HandoffWorkflowOptions>>().Value);

        Assert.Contains("Handoff:MaxWriteAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Handoff:DefaultRequiredSignOffs", ex.Message, StringComparison.Ordinal);
    }
}
