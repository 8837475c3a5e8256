using System.Buffers.Binary;
using System.IO.Compression;

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
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, w);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), h);
        header[8] = 8;                                        // bit depth
        header[9] = (byte)(transparent ? 6 : 2);              // colour type: RGBA or RGB
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(pixels);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
