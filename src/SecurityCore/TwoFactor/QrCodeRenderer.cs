using QRCoder;

namespace McpSecurity.SecurityCore.TwoFactor;

/// <summary>Renders a text as a QR code (error correction level M), as a PNG data URI and as SVG, with QRCoder.</summary>
internal static class QrCodeRenderer
{
    private const int PixelsPerModule = 6;

    /// <summary>Renders both images.</summary>
    public static (string PngDataUri, string Svg) Render(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        using var svg = new SvgQRCode(data);
        var pngBytes = png.GetGraphic(PixelsPerModule);
        var svgText = svg.GetGraphic(PixelsPerModule, "#000000", "#ffffff", drawQuietZones: true);
        return ("data:image/png;base64," + Convert.ToBase64String(pngBytes), svgText);
    }
}
