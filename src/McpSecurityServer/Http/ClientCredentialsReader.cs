using System.Text;

namespace McpSecurity.Server.Http;

/// <summary>Reads client authentication (RFC 6749 section 2.3.1): HTTP Basic or <c>client_id</c>/<c>client_secret</c> in the form, not both.</summary>
internal static class ClientCredentialsReader
{
    private const string BasicPrefix = "Basic ";

    /// <summary>Reads the credentials; <paramref name="error"/> is set when the request is malformed.</summary>
    public static ClientCredentials? Read(HttpContext context, IFormCollection form, out IResult? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(form);
        error = null;
        var header = context.Request.Headers.Authorization.ToString();
        var formId = form["client_id"].ToString();
        var formSecret = form["client_secret"].ToString();

        if (header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (formSecret.Length > 0)
            {
                error = OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "Use one client authentication method, not HTTP Basic and client_secret together.");
                return null;
            }

            if (!TryDecodeBasic(header[BasicPrefix.Length..].Trim(), out var id, out var secret)
                || id.Length is 0 or > InputLimits.ClientId || secret.Length is 0 or > InputLimits.ClientSecret
                || (formId.Length > 0 && !string.Equals(formId, id, StringComparison.Ordinal)))
            {
                error = OAuthErrors.Result(context, OAuthErrors.InvalidClient, "The HTTP Basic client credentials are malformed.", basicChallenge: true);
                return null;
            }

            return new ClientCredentials(id, secret, ViaBasic: true);
        }

        if (formSecret.Length > 0)
        {
            if (formId.Length is 0 or > InputLimits.ClientId || formSecret.Length > InputLimits.ClientSecret)
            {
                error = OAuthErrors.Result(context, OAuthErrors.InvalidClient, "client_id and client_secret must both be given, within their length limits.");
                return null;
            }

            return new ClientCredentials(formId, formSecret, ViaBasic: false);
        }

        return null;
    }

    private static bool TryDecodeBasic(string encoded, out string clientId, out string clientSecret)
    {
        clientId = "";
        clientSecret = "";
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // RFC 6749 section 2.3.1: both parts are form-urlencoded before Basic encoding.
        clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        clientSecret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return true;
    }
}
