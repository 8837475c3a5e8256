using System.Buffers.Binary;
using System.Text;

namespace Supervision.Benchmarks.Circuits;

/// <summary>An event handler a render batch attached to an element: what a user could click, with what the element shows.</summary>
public sealed record EventTarget(ulong HandlerId, string EventName, string Element, string Text, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Reads what a load client needs from a Blazor Server render batch (the binary format of the framework's
/// <c>RenderBatchWriter</c>): the event handlers the batch's reference frames attach (with their element's name, attributes
/// and text), the links (<c>href</c>) it renders, and the event handlers it disposes. The edits themselves are not applied:
/// the client keeps no DOM, only what a person could click.
/// </summary>
/// <remarks>
/// Layout (as blazor.web.js reads it): the sections (updated components, reference frames, disposed component ids, disposed
/// event handler ids, string table), then five 32-bit offsets to them. A frame is 20 bytes: its type, then 16 bytes whose meaning
/// depends on the type. The string table is an array of 32-bit offsets to length-prefixed UTF-8 strings; index -1 is null.
/// </remarks>
public static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int Element = 1, Text = 2, Attribute = 3, Markup = 8;

    public sealed record Batch(IReadOnlyList<EventTarget> Targets, IReadOnlyList<string> Links, IReadOnlyList<ulong> DisposedHandlers);

    public static Batch Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20) throw new FormatException($"a render batch of {data.Length} bytes");
        var end = data.Length - 20;
        var framesOffset = Int(data, end + 4);
        var disposedHandlersOffset = Int(data, end + 12);
        var stringTableOffset = Int(data, end + 16);

        var targets = new List<EventTarget>();
        var links = new List<string>();
        var count = Int(data, framesOffset);
        var frames = data.Slice(framesOffset + 4, count * FrameSize);
        // The element whose attributes are being read: attributes follow their element directly.
        var owner = -1;
        for (var i = 0; i < count; i++)
        {
            var frame = frames.Slice(i * FrameSize, FrameSize);
            var type = Int(frame, 0);
            if (type == Element)
            {
                owner = i;
                continue;
            }
            if (type != Attribute)
            {
                owner = -1;
                continue;
            }
            var name = String(data, stringTableOffset, Int(frame, 4)) ?? "";
            var value = String(data, stringTableOffset, Int(frame, 8));
            var handler = BinaryPrimitives.ReadUInt64LittleEndian(frame[12..]);
            if (name == "href" && value is { Length: > 0 }) links.Add(value);
            if (handler != 0 && owner >= 0)
                targets.Add(Describe(data, frames, stringTableOffset, owner, handler, name));
            else if (handler != 0)
                targets.Add(new EventTarget(handler, EventName(name), "", "", new Dictionary<string, string>()));
        }

        var disposed = new List<ulong>();
        var disposedCount = Int(data, disposedHandlersOffset);
        for (var i = 0; i < disposedCount; i++)
            disposed.Add(BinaryPrimitives.ReadUInt64LittleEndian(data[(disposedHandlersOffset + 4 + i * 8)..]));
        return new Batch(targets, links, disposed);
    }

    /// <summary>The element at <paramref name="element"/>: its name, its string attributes and the text inside it (this component's frames).</summary>
    private static EventTarget Describe(ReadOnlySpan<byte> data, ReadOnlySpan<byte> frames, int strings, int element, ulong handler, string attribute)
    {
        var frame = frames.Slice(element * FrameSize, FrameSize);
        var subtree = Int(frame, 4);
        var elementName = String(data, strings, Int(frame, 8)) ?? "";
        var attributes = new Dictionary<string, string>();
        var text = new StringBuilder();
        var last = Math.Min(element + subtree, frames.Length / FrameSize);
        for (var j = element + 1; j < last; j++)
        {
            var f = frames.Slice(j * FrameSize, FrameSize);
            switch (Int(f, 0))
            {
                case Attribute when j == element + 1 || attributes.Count == j - element - 1:
                    if (String(data, strings, Int(f, 4)) is { } n && String(data, strings, Int(f, 8)) is { } v) attributes.TryAdd(n, v);
                    else attributes.TryAdd($"#{j}", "");
                    break;
                case Text or Markup:
                    text.Append(String(data, strings, Int(f, 4)));
                    break;
            }
        }
        return new EventTarget(handler, EventName(attribute), elementName, text.ToString().Trim(), attributes);
    }

    private static string EventName(string attribute) => attribute.StartsWith("on", StringComparison.Ordinal) ? attribute[2..] : attribute;

    private static int Int(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);

    private static string? String(ReadOnlySpan<byte> data, int table, int index)
    {
        if (index < 0) return null;
        var position = Int(data, table + index * 4);
        // BinaryWriter's length prefix: 7 bits a byte, least significant first.
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        return Encoding.UTF8.GetString(data.Slice(position, length));
    }
}
