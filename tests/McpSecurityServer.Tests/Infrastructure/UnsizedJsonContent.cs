using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpSecurity.Tests.Server.Infrastructure;

/// <summary>A JSON body sent without <c>Content-Length</c> (chunked), as a client streaming its request would.</summary>
internal sealed class UnsizedJsonContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnsizedJsonContent(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
