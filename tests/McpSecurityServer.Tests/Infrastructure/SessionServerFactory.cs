using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>An <see cref="AdminServerFactory"/> whose clock is a <see cref="FakeTimeProvider"/> (session timeouts), with three-hour access tokens.</summary>
/// <remarks>Access tokens outlive the 15-minute idle timeout here, so that a refusal can only come from the session.</remarks>
public class SessionServerFactory : AdminServerFactory
{
    public SessionServerFactory()
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Settings["Tokens:AccessTokenLifetime"] = "03:00:00";
        Settings["Identity:Sessions:AbsoluteTimeout"] = "02:00:00";
        TestServices = services => services.AddSingleton<TimeProvider>(Time);
    }

    /// <summary>Gets the server's clock.</summary>
    public FakeTimeProvider Time { get; }
}
