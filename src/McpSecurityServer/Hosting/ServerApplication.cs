using McpSecurity.Handoff;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using McpSecurity.Server.Logging;
using McpSecurity.Server.Mcp;
using McpSecurity.Server.Monitoring;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using Serilog;

namespace McpSecurity.Server.Hosting;

/// <summary>The composition root: configuration layers, data directory, logging, services, pipeline and endpoints.</summary>
internal static class ServerApplication
{
    /// <summary>The listen address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> gives one.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The largest request body accepted: JSON-RPC messages, logins and forms are small.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Builds the application for <paramref name="settings"/>; throws <see cref="StartupFailureException"/> on bad configuration or a held data directory.</summary>
    public static WebApplication Build(ServerLaunchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var arguments = settings.ConfigurationArguments.ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments });
        ConfigureConfiguration(builder.Configuration, settings, arguments);
        ConfigurationPreflight.Check(builder.Configuration, settings.ConfigurationArguments, Environment.GetEnvironmentVariables());

        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrls;
        }

        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        // The lock is taken before anything opens the store (and before the log file is opened), registered so that
        // the store uses this instance, and released when the host is disposed.
        var dataDirectory = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DataDirectory;
        var directoryLock = DataDirectoryHold.Acquire(string.IsNullOrWhiteSpace(dataDirectory) ? new StorageOptions().DataDirectory : dataDirectory);
        builder.Services.AddSingleton(_ => directoryLock); // a factory, so that the container disposes it
        builder.Configuration.AddInMemoryCollection([new($"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}", directoryLock.DirectoryPath)]);

        // Read before the container exists (the logger is needed first); a bad level fails the options validation below.
        var levelName = builder.Configuration[$"{ServerLoggingOptions.SectionName}:{nameof(ServerLoggingOptions.MinimumLevel)}"] ?? new ServerLoggingOptions().MinimumLevel;
        var logger = ServerLogging.Create(directoryLock.DirectoryPath, ServerLogging.TryParseLevel(levelName, out var level) ? level : Serilog.Events.LogEventLevel.Information);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: true);

        builder.Services.AddSingleton(settings);
        AddServices(builder.Services, builder.Configuration, settings.Mode, urls);
        ReplaceServer(builder.Services, settings.Mode);

        var app = builder.Build();

        // Validate here rather than inside Host.StartAsync, which would log the failure with a stack trace first.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        if (settings.Mode != ServerMode.Admin)
        {
            UsePipeline(app, logger);
            MapEndpoints(app);
        }

        return app;
    }

    private static void ConfigureConfiguration(ConfigurationManager configuration, ServerLaunchSettings settings, string[] arguments)
    {
        // appsettings.json beside the program, whatever the working directory (after the content root's own files).
        var sources = configuration.Sources;
        var lastJson = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
        var programSettings = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Optional = true, ReloadOnChange = false };
        programSettings.ResolveFileProvider();
        sources.Insert(Math.Min(lastJson + 1, sources.Count), programSettings);

        // appsettings.json < MCPSEC__ environment < command line.
        configuration.AddEnvironmentVariables(KnownConfiguration.EnvironmentPrefix);
        configuration.AddCommandLine(arguments);
        var overrides = new List<KeyValuePair<string, string?>>();
        if (settings.DataDirectory is not null)
        {
            overrides.Add(new($"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}", settings.DataDirectory));
        }

        if (settings.Urls is not null)
        {
            overrides.Add(new("urls", settings.Urls));
        }

        configuration.AddInMemoryCollection(overrides);
    }

    private static void AddServices(IServiceCollection services, ConfigurationManager configuration, ServerMode mode, string urls)
    {
        services.AddSecurityCore(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().ValidateOnStart();
        services.AddOptions<TokenOptions>()
            .PostConfigure(options =>
            {
                // Without a configured issuer and audience, they follow the listen address (--urls, ASPNETCORE_URLS).
                if (PublicAddress.FromUrls(urls) is { } address)
                {
                    if (string.IsNullOrEmpty(configuration[$"{TokenOptions.SectionName}:{nameof(TokenOptions.Issuer)}"]))
                    {
                        options.Issuer = address;
                    }

                    if (string.IsNullOrEmpty(configuration[$"{TokenOptions.SectionName}:{nameof(TokenOptions.Audience)}"]))
                    {
                        options.Audience = address + ServerEndpoints.McpPath;
                    }
                }
            })
            .ValidateOnStart();
        services.AddOptions<McpEndpointOptions>()
            .Bind(configuration.GetSection(McpEndpointOptions.SectionName))
            .PostConfigure(options => McpEndpointDefaults.Apply(options, urls))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<McpEndpointOptions>, McpEndpointOptionsValidator>());
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ProxyOptions>, ProxyOptionsValidator>());
        services.AddOptions<ServerLoggingOptions>().Bind(configuration.GetSection(ServerLoggingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<ServerLoggingOptions>, ServerLoggingOptionsValidator>());

        services.AddPrometheusMetrics(configuration.GetSection(MetricsOptions.SectionName));
        services.AddSingleton<ReadinessState>();
        services.AddSingleton<FirstRunInitializer>();
        services.AddSingleton<ServerEndpoints>();
        if (mode == ServerMode.Admin)
        {
            return;
        }

        // Registered before the MCP transports so that the store, keys and administrator exist when they start.
        services.AddHostedService<FirstRunHostedService>();

        services.AddHttpContextAccessor();
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
            .AddScheme<BearerTokenAuthenticationOptions, BearerTokenAuthenticationHandler>(BearerTokenDefaults.AuthenticationScheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(BearerTokenDefaults.AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(BearerTokenDefaults.McpPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
            {
                var required = context.Resource is HttpContext http
                    ? http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<McpEndpointOptions>>().Value.RequiredScope
                    : "";
                return required.Length == 0 || CallerClaims.HasScope(context.User, required);
            }));

        services.AddHandoffSecurity(configuration.GetSection(McpSecurity.Handoff.HandoffSignOffOptions.SectionName));
        services.AddHostedService<HandoffExpiryService>();
        services.AddSingleton<McpCallerResolver>();
        services.AddSingleton<TwoFactorSelfService>();
        var stdio = mode is ServerMode.Stdio or ServerMode.StdioWithoutHttp;
        if (stdio)
        {
            services.AddSingleton(StdioCredentials.FromEnvironment());
            services.AddSingleton<IStdioCallerSource, StdioClientSession>();
            services.AddHostedService<StdioSessionStartup>();
        }
        else
        {
            services.AddSingleton<IStdioCallerSource, NoStdioCallerSource>();
        }

        var mcp = services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "mcp-security-server", Title = "MCP Security Server", Version = ServerVersion.Value };
                options.ServerInstructions = "Issue, refresh, validate and revoke access tokens, rotate signing keys, and manage roles. " +
                    "Over stdio the session acts as the client in MCPSEC_CLIENT_ID / MCPSEC_CLIENT_SECRET; without them only issue_token and exchange_clerk_session work.";
            })
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateless)
            .WithTools<TokenTools>()
            .WithTools<SigningKeyTools>()
            .WithTools<ClerkTools>()
            .WithTools<TwoFactorTools>()
            .WithTools<RoleTools>()
            .WithTools<AuditTools>()
            .WithTools<HandoffTools>(McpToolJson.For(typeof(HandoffTools)))
            .WithTools<AuditQueryTools>()
            .WithTools<UserTools>()
            .WithTools<RateLimitTools>()
            .WithTools<IncidentTools>()
            .WithRequestFilters(filters => filters
                .AddListToolsFilter(McpToolAuthorization.ListTools)
                .AddCallToolFilter(McpToolAuthorization.CallTool)
                .AddCallToolFilter(McpToolArguments.CallTool))
            .WithResources<SecurityResources>()
            .WithResources<HandoffResources>()
            .WithResources<AuditResources>();
        if (stdio)
        {
            mcp.WithStdioServerTransport();
        }
    }

    private static void ReplaceServer(IServiceCollection services, ServerMode mode)
    {
        var kestrel = services.LastOrDefault(d => d.ServiceType == typeof(IServer));
        switch (mode)
        {
            case ServerMode.StdioWithoutHttp or ServerMode.Admin:
                services.RemoveAll<IServer>();
                services.AddSingleton<IServer, NoListenerServer>();
                break;
            case ServerMode.Stdio when kestrel?.ImplementationType is { } kestrelType:
                services.Remove(kestrel);
                services.AddSingleton(kestrelType);
                services.AddSingleton<IServer>(sp => new ListenerTolerantServer(
                    (IServer)sp.GetRequiredService(kestrelType), sp.GetRequiredService<ILogger<ListenerTolerantServer>>()));
                break;
        }
    }

    private static void UsePipeline(WebApplication app, Serilog.ILogger logger)
    {
        UseTrustedProxies(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledErrorWriter.WriteExceptionAsync });
        app.UseStatusCodePages(UnhandledErrorWriter.WriteStatusAsync);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            // The path only: a query string could carry a token (it is refused, but the refusal is logged too).
            options.IncludeQueryInRequestPath = false;
            options.Logger = logger;
        });
        // Before any authentication work, so a blocked address costs as little as possible.
        app.UseMiddleware<AddressBlockMiddleware>();
        app.UseMiddleware<QueryStringTokenGuardMiddleware>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ServerEndpoints.McpPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<McpRequestGuardMiddleware>());
        app.UseAuthentication();
        // Before authorization, so requests /mcp refuses for want of a token are counted too.
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<SecurityActorMiddleware>();
    }

    /// <summary>Behind configured proxies only, the client address comes from <c>X-Forwarded-For</c> (rate limits, audit, blocks).</summary>
    private static void UseTrustedProxies(WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyOptions>>().Value;
        if (proxy.TrustedProxies.Length == 0)
        {
            return;
        }

        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor, ForwardLimit = proxy.ForwardLimit };
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in proxy.TrustedProxies)
        {
            if (ProxyOptionsValidator.TryParse(entry, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        }

        app.UseForwardedHeaders(forwarded);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();
        app.MapWellKnownEndpoints();
        app.MapOAuthEndpoints();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(BearerTokenDefaults.AuthenticatedPolicy)
            .AddEndpointFilter<SecurityExceptionFilter>()
            .AddEndpointFilter<PermissionEndpointFilter>();
        api.MapAuthEndpoints();
        api.MapKeyEndpoints();
        api.MapRoleEndpoints();
        api.MapHandoffEndpoints();
        api.MapLockoutEndpoints();
        api.MapClerkEndpoints();
        api.MapTwoFactorEndpoints();
        api.MapAuditEndpoints();
        api.MapAuditQueryEndpoints();
        api.MapUserEndpoints();
        api.MapMeEndpoints();
        api.MapSessionEndpoints();
        api.MapRateLimitEndpoints();
        api.MapIncidentEndpoints();
        app.MapMcp(ServerEndpoints.McpPath).RequireAuthorization(BearerTokenDefaults.McpPolicy);
    }
}
