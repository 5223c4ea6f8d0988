using System.Buffers.Text;
using System.Text;

namespace McpSecurity.Tests.SecurityCore.Tokens;

/// <summary>Builds compact JWS strings from raw JSON and any signing function.</summary>
internal static class TokenForge
{
    public static string Create(string headerJson, string payloadJson, Func<byte[], byte[]>? sign)
    {
        var signingInput = Segment(headerJson) + "." + Segment(payloadJson);
        var signature = sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string[] Split(string token) => token.Split('.');
}
