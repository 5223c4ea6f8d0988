using System.Net;
using System.Net.Sockets;

namespace McpSecurity.Tests.SecurityCore.Infrastructure;

/// <summary>Hands out loopback ports for the servers the tests start (redis-server, built servers, stand-ins).</summary>
/// <remarks>
/// Not the kernel's pick (port 0): that comes from the ephemeral range, where any outgoing connection may take the port
/// between choosing and binding it. These come from below that range (Linux default 32768-60999), are never handed out
/// twice by one process, and were free when handed out.
/// </remarks>
public static class LoopbackPorts
{
    private const int First = 20_000;
    private const int Count = 12_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>Returns a loopback port that is free now and that no other caller in this process was given.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = First + Random.Shared.Next(Count);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
