
namespace Supervision.Tests.Reports.Documents;

/// <summary>Synthetic images for tests (no drawing library needed).</summary>
public static class TestImages
{
    /// <summary>
    /// A red ring on a transparent background as an RGBA PNG: a stand-in for a scanned seal. Other sizes, shapes and
    /// an opaque (RGB, white background) variant exercise the seal checks.
    /// </summary>
    public static byte[] RedRing(int size = 240, int? height = null, bool transparent = true)
    {
        var (w, h) = (size, height ?? size);
        var channels = transparent ? 4 : 3;
        var pixels = new byte[h * (w * channels + 1)];
        var (cx, cy, radius) = ((w - 1) / 2.0, (h - 1) / 2.0, (Math.Min(w, h) - 1) / 2.0);
        for (var y = 0; y < h; y++)
        {
            var row = y * (w * channels + 1);
            pixels[row] = 0;                                  // filter: none
            for (var x = 0; x < w; x++)
            {
                var distance = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                var inRing = distance <= radius && distance >= radius * 0.9 || distance <= radius * 0.15;
                var p = row + 1 + x * channels;
                (pixels[p], pixels[p + 1], pixels[p + 2]) = inRing || transparent ? ((byte)220, (byte)20, (byte)30) : ((byte)255, (byte)255, (byte)255);
                if (transparent) pixels[p + 3] = (byte)(inRing ? 230 : 0);
            }
        }
        return Supervision.Web.Demo.Png.Encode(w, h, transparent, pixels);
    }
}
