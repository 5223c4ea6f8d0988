using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>
/// Test only: TestServer has no peer address, so a request's <c>Connection.RemoteIpAddress</c> is taken from the
/// <see cref="HeaderName"/> header (before any of the server's middleware runs). Requests without it keep none.
/// </summary>
public sealed class TestRemoteAddressStartupFilter : IStartupFilter
{
    /// <summary>The header that carries the simulated peer address.</summary>
    public const string HeaderName = "X-Test-Remote-Address";

    /// <summary>Registers the filter (for <see cref="ServerFactory.TestServices"/>).</summary>
    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestRemoteAddressStartupFilter>();

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(HeaderName, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(HeaderName);
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
