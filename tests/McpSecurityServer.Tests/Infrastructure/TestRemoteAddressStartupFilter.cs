using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>
/// TestServer has no remote address: this sets <c>HttpContext.Connection.RemoteIpAddress</c> from the test header
/// <see cref="HeaderName"/> before the server's own pipeline runs (only in tests that register it).
/// </summary>
public sealed class TestRemoteAddressStartupFilter : IStartupFilter
{
    public const string HeaderName = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(HeaderName, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
