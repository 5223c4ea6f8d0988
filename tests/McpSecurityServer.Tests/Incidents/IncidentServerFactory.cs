using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.SecurityCore.Alerting;
using McpSecurity.Tests.Server.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSecurity.Tests.Server.Incidents;

/// <summary>
/// A server with the test remote-address header and PagerDuty pointed at a local stand-in receiver; with in-memory doubles
/// of the incident service and block list unless <c>realIncidents</c> keeps the server's own.
/// </summary>
public sealed class IncidentServerFactory : AdminServerFactory
{
    public const string RoutingKey = "IncidentFacesRoutingKey000000032";

    public IncidentServerFactory(bool realIncidents = false)
    {
        Settings["Alerting:PagerDuty:Enabled"] = "true";
        Settings["Alerting:PagerDuty:Url"] = PagerDuty.Url;
        Settings["Alerting:PagerDuty:RoutingKey"] = RoutingKey;
        TestServices = services =>
        {
            services.AddSingleton<IStartupFilter, TestRemoteAddressStartupFilter>();
            if (realIncidents)
            {
                return;
            }

            services.RemoveAll<IIncidentService>();
            services.RemoveAll<IAddressBlockList>();
            services.AddSingleton<InMemoryIncidentService>();
            services.AddSingleton<IIncidentService>(sp => sp.GetRequiredService<InMemoryIncidentService>());
            services.AddSingleton<InMemoryAddressBlockList>();
            services.AddSingleton<IAddressBlockList>(sp => sp.GetRequiredService<InMemoryAddressBlockList>());
        };
    }

    /// <summary>Gets the stand-in PagerDuty.</summary>
    public PagerDutyStandIn PagerDuty { get; } = new();

    /// <summary>Gets the incident double.</summary>
    public InMemoryIncidentService Incidents => Services.GetRequiredService<InMemoryIncidentService>();

    /// <summary>Gets the block-list double.</summary>
    public InMemoryAddressBlockList Blocks => Services.GetRequiredService<InMemoryAddressBlockList>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await PagerDuty.DisposeAsync();
    }
}
