using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using McpSecurity.Tests.SecurityCore.Infrastructure;

namespace McpSecurity.Tests.SecurityCore.Clerk;

/// <summary>
/// A local stand-in Clerk on 127.0.0.1 (a free port): the Frontend API's <c>/.well-known/jwks.json</c> and the Backend
/// API's <c>GET /v1/users/{id}</c>, which checks the bearer secret key and answers Clerk-shaped errors.
/// </summary>
public sealed class ClerkStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private volatile string _jwks = "{\"keys\":[]}";
    private int _jwksRequests;

    public ClerkStandIn(string secretKey)
    {
        SecretKey = secretKey;
        (_listener, BaseUrl) = LoopbackHttpListener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Gets the origin, for example <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Gets the secret key the Backend API accepts.</summary>
    public string SecretKey { get; }

    /// <summary>Gets or sets the status the JWKS endpoint answers with (200 serves the keys).</summary>
    public int JwksStatus { get; set; } = 200;

    /// <summary>Gets or sets a status the users endpoint answers with instead of the user (0: behave normally).</summary>
    public int UsersStatusOverride { get; set; }

    /// <summary>Gets how many times the JWKS was requested.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Gets every request as "METHOD path auth=ok|bad|none", in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Publishes exactly these keys (a rotation replaces the set).</summary>
    public void PublishKeys(params TestRsaKey[] keys) => PublishJwks(JsonSerializer.Serialize(new { keys = keys.Select(k => k.ToJwk()).ToArray() }));

    /// <summary>Publishes a raw JWKS document.</summary>
    public void PublishJwks(string json) => _jwks = json;

    /// <summary>Serves a user object (raw JSON) under its id.</summary>
    public void AddUser(string id, string json) => _users[id] = json;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was closed under the loop.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        var authorization = request.Headers["Authorization"];
        var auth = authorization is null ? "none" : authorization == "Bearer " + SecretKey ? "ok" : "bad";
        _requests.Enqueue($"{request.HttpMethod} {path} auth={auth}");

        if (request.HttpMethod == "GET" && path == "/.well-known/jwks.json")
        {
            Interlocked.Increment(ref _jwksRequests);
            Write(context, JwksStatus, JwksStatus == 200 ? _jwks : "{\"errors\":[{\"message\":\"unavailable\",\"code\":\"internal_clerk_error\"}]}");
            return;
        }

        if (request.HttpMethod == "GET" && path.StartsWith("/v1/users/", StringComparison.Ordinal))
        {
            if (auth != "ok")
            {
                Write(context, 401, ClerkError("Invalid authentication", "The provided Clerk Secret Key is invalid.", "authentication_invalid"));
                return;
            }

            if (UsersStatusOverride != 0)
            {
                Write(context, UsersStatusOverride, ClerkError("Internal error", "Something went wrong.", "internal_clerk_error"));
                return;
            }

            var id = Uri.UnescapeDataString(path["/v1/users/".Length..]);
            if (_users.TryGetValue(id, out var user))
            {
                Write(context, 200, user);
            }
            else
            {
                Write(context, 404, ClerkError("not found", "User not found", "resource_not_found"));
            }

            return;
        }

        Write(context, 404, ClerkError("not found", "The requested resource does not exist.", "resource_not_found"));
    }

    private static string ClerkError(string message, string longMessage, string code) =>
        JsonSerializer.Serialize(new { errors = new[] { new { message, long_message = longMessage, code } }, clerk_trace_id = "trace_standin" });

    private static void Write(HttpListenerContext context, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
    }
}
