using McpSecurity.SecurityCore.Authorization;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Mcp;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace McpSecurity.Tests.Server.Http;

/// <summary>Every REST endpoint and every MCP tool declares what it needs, and only catalogue permissions.</summary>
public sealed class EndpointDeclarationTests : IClassFixture<AdminServerFactory>
{
    private readonly AdminServerFactory _factory;

    public EndpointDeclarationTests(AdminServerFactory factory) => _factory = factory;

    [Fact]
    public void ApiEndpoints_Every_DeclaresAPermissionACallerOrAnonymousAccess()
    {
        using var client = _factory.CreateClient();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e =>
        {
            var requirement = CallRequirement.From(e.Metadata);
            Assert.True(requirement.Kind != CallRequirementKind.Undeclared, $"{e.RoutePattern.RawText} declares nothing");
            Assert.True(requirement.Kind != CallRequirementKind.Permission || Permissions.IsKnown(requirement.Permission!), $"{e.RoutePattern.RawText}: {requirement.Permission}");
        });
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/v1/keys/rotate" && CallRequirement.From(e.Metadata).Permission == Permissions.KeysRotate);
    }

    [Fact]
    public void McpTools_Every_DeclaresAPermissionACallerOrAnonymousAccess()
    {
        var tools = typeof(TokenTools).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(McpServerToolTypeAttribute), false).Length > 0)
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(McpServerToolAttribute), false).Length > 0)
            .ToList();

        Assert.Equal(McpToolScenario.ToolNames.Length, tools.Count);
        Assert.All(tools, m =>
        {
            var requirement = CallRequirement.From(m.GetCustomAttributes(false));
            Assert.True(requirement.Kind != CallRequirementKind.Undeclared, $"{m.Name} declares nothing");
            Assert.True(requirement.Kind != CallRequirementKind.Permission || Permissions.IsKnown(requirement.Permission!), $"{m.Name}: {requirement.Permission}");
        });
    }

    [Fact]
    public void CallRequirement_NoDeclaration_IsUndeclared() =>
        Assert.Equal(CallRequirementKind.Undeclared, CallRequirement.From([new object()]).Kind);
}
