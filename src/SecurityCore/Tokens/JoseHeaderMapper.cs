using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Jose;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>
/// jose-jwt's JSON mapper for the issuer's own settings: writes the JOSE header (string members only) with a
/// <see cref="Utf8JsonWriter"/> instead of reflection-based serialization; anything else goes to jose-jwt's mapper.
/// </summary>
internal sealed class JoseHeaderMapper : IJsonMapper
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly JsonMapper _fallback = new();

    public string Serialize(object obj)
    {
        if (obj is not IDictionary<string, object> members || !AllStrings(members))
        {
            return _fallback.Serialize(obj);
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WriteString(name, (string)value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public T Parse<T>(string json) => _fallback.Parse<T>(json);

    private static bool AllStrings(IDictionary<string, object> members)
    {
        foreach (var (_, value) in members)
        {
            if (value is not string)
            {
                return false;
            }
        }

        return true;
    }
}
