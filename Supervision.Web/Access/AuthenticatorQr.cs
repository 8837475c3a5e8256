using System.Globalization;
using System.Text;
using ZXing.QrCode.Internal;


namespace Supervision.Web.Access;

/// <summary>The otpauth:// address of an authenticator key as a QR code, drawn as inline SVG on the server (no script, no request).</summary>
public static class AuthenticatorQr
{
    private const int QuietZone = 4;

    public static string Svg(string content)
    {
        var matrix = ZXing.QrCode.Internal.Encoder.encode(content, ErrorCorrectionLevel.M).Matrix;
        var size = matrix.Width + 2 * QuietZone;
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Height; y++)
            for (var x = 0; x < matrix.Width; x++)
                if (matrix[x, y] == 1)
                    path.Append(CultureInfo.InvariantCulture, $"M{x + QuietZone},{y + QuietZone}h1v1h-1z");
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="200" height="200" role="img" aria-label="身份验证器二维码" shape-rendering="crispEdges" id="authenticator-qr"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
