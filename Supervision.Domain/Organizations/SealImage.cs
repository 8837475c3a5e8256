using System.Buffers.Binary;
using Supervision.Domain.Common;
using Supervision.Domain.Files;

namespace Supervision.Domain.Organizations;

/// <summary>
/// The administration's own seal image, printed over the signature of issued documents. Only a PNG with a transparent
/// background is accepted (an opaque image would hide the authority's name and date under it), roughly square, of a
/// resolution that prints sharply at 42 mm. The portal never draws a seal of its own.
/// </summary>
public static class SealImage
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MinPixels = 300;
    public const int MaxPixels = 4000;

    public static byte[] Check(string name, byte[] bytes)
    {
        var file = StoredFile.SafeName(StoredFile.CheckName(name));
        if (bytes.Length == 0) throw new DomainException("seal.empty", $"文件“{file}”为空。");
        if (bytes.Length > MaxBytes) throw new DomainException("seal.too_large", StoredFile.TooLargeMessage(name, bytes.Length, MaxBytes));
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.Length < 33 || !bytes.AsSpan().StartsWith(signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw new DomainException("seal.type", $"“{file}”不是PNG图片。印章须为透明背景的PNG图片。");
        StoredFile.CheckExtension(name, "PNG图片", ".png");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        if (width < MinPixels || height < MinPixels || width > MaxPixels || height > MaxPixels)
            throw new DomainException("seal.size", $"印章图片为{width}×{height}像素；须在{MinPixels}至{MaxPixels}像素之间，才能在42毫米印章上清晰打印。");
        if (Math.Max(width, height) > Math.Min(width, height) * 1.25)
            throw new DomainException("seal.shape", $"印章图片为{width}×{height}像素，不是近似正方形；请裁剪到只含印章。");
        var colourType = bytes[25];
        if (colourType is not (4 or 6) && !HasChunk(bytes, "tRNS"u8))
            throw new DomainException("seal.opaque", "印章图片没有透明背景，盖在署名和日期上会遮挡文字；请上传透明背景的PNG图片。");
        return bytes;
    }

    private static bool HasChunk(byte[] png, ReadOnlySpan<byte> type)
    {
        long at = 8;
        while (at + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan((int)at));
            if (png.AsSpan((int)at + 4, 4).SequenceEqual(type)) return true;
            if (png.AsSpan((int)at + 4, 4).SequenceEqual("IDAT"u8) || length < 0) return false; // tRNS comes before the image data
            at += 12L + length; // a forged length near int.MaxValue must end the walk, not wrap to a negative offset
        }
        return false;
    }
}
