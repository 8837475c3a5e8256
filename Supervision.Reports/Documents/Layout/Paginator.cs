namespace Supervision.Reports.Documents.Layout;

/// <summary>An item placed on a page: its top within the text block.</summary>
internal sealed record PlacedItem(FlowItem Item, double Top);

/// <summary>A laid-out page: placed items, and what to draw (absolute page coordinates).</summary>
internal sealed class LaidOutPage(int number)
{
    public int Number { get; } = number;
    public List<PlacedItem> Items { get; } = [];
    public List<DrawOp> Ops { get; } = [];
}

/// <summary>
/// Distributes flow items over pages of the text block. When the signature cannot stay with its text (it would take body
/// lines along to a new page and leave blank lines mid-paragraph), the pages up to that one are set with a tighter line
/// pitch (23, then 24 lines instead of 22), as GB/T 9704-2012 7.3.5.4 allows ("调整行距、字距"); the renderer also tries the
/// body with its characters set closer (<see cref="DocumentComposer.Compose"/>); only if neither is enough do lines move
/// with the signature.
/// </summary>
internal static class Paginator
{
    private const double Tolerance = 0.01;

    /// <summary>Line pitches tried, as a fraction of the standard one: 22 lines, 23, 24.</summary>
    private static readonly double[] Pitches = [1, 22.0 / 23, 22.0 / 24];

    /// <param name="pushed">Whether body lines still had to move with the signature (no pitch kept it with its text).</param>
    /// <param name="foot">Height kept free at the foot of every page's text block (lines signed on every page).</param>
    public static List<LaidOutPage> Paginate(IReadOnlyList<FlowItem> items, out bool pushed, double foot = 0)
    {
        var pages = Run(items, _ => 1, foot, out var pushedFrom);
        for (var step = 1; pushedFrom is { } tight && step < Pitches.Length; step++)
        {
            var pitch = Pitches[step];
            var attempt = Run(items, page => page <= tight ? pitch : 1, foot, out var stillPushed);
            if (stillPushed is null)
            {
                pages = attempt;
                pushedFrom = null;
                break;
            }
        }
        pushed = pushedFrom is not null;
        foreach (var page in pages)
            foreach (var placed in page.Items)
                foreach (var op in placed.Item.Ops)
                    page.Ops.Add(op.MovedDown(Gbt9704.BlockTop + placed.Top));
        return pages;
    }

    /// <summary>One pass: pages numbered from 1 with the given line pitch (a fraction of the standard one); the number of
    /// the page that had to give body lines to the next one, if any did.</summary>
    private static List<LaidOutPage> Run(IReadOnlyList<FlowItem> items, Func<int, double> pitchOf, double foot, out int? pushedFrom)
    {
        var pages = new List<LaidOutPage> { new(1) };
        int? pushed = null;
        var height = Gbt9704.BlockHeight - foot;
        var k = pitchOf(1);
        double y = 0;          // where the flow continues on the last page
        double used = 0;       // lowest point used there, including overhangs

        void Put(LaidOutPage page, FlowItem item, double top)
        {
            Place(page, item, top);
            y = top + HeightOf(item, k);
            used = Math.Max(used, y + item.Overhang);
        }

        LaidOutPage Restart(IEnumerable<FlowItem> leading)
        {
            var page = pages[^1];
            y = used = 0;
            foreach (var moved in leading)
                if (!(moved.IsSpace && page.Items.Count == 0))
                    Put(page, moved, Start(moved, y, k));
            return page;
        }

        LaidOutPage Next()
        {
            var page = NewPage(pages);
            k = pitchOf(page.Number);
            y = used = 0;
            return page;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var page = pages[^1];
            if (item.IsSpace && page.Items.Count == 0) continue;

            if (item.AtPageBottom)
            {
                if (Math.Max(y, used) + item.Height > height + Tolerance) page = Next();
                Put(page, item, height - item.Height);
                continue;
            }

            var top = Start(item, y, k);
            if (ChainBottom(items, i, top, k) <= height + Tolerance || page.Items.Count == 0)
            {
                var bodyLines = page.Items.Count(p => p.Item.IsBodyText);
                if (item.KeepWithPrevious > bodyLines && pages.Count > 1)
                {
                    // Its page has too few body lines (a natural break fell just before): lines of the previous page come along.
                    var tail = TakeTail(pages[^2], item.KeepWithPrevious - bodyLines);
                    if (tail.Count > 0)
                    {
                        pushed ??= pages[^2].Number;
                        var already = page.Items.Select(p => p.Item).ToList();
                        page.Items.Clear();
                        page = Restart(tail.Concat(already));
                        top = Start(item, y, k);
                    }
                }
                Put(page, item, top);
                continue;
            }

            // A new page. Body lines that must go with this item leave the old page first.
            var moving = item.KeepWithPrevious > 0 ? TakeTail(page, item.KeepWithPrevious) : [];
            if (moving.Count > 0) pushed ??= page.Number;
            Next();
            page = Restart(item.RepeatHeader is { } header ? [header, .. moving] : moving);
            Put(page, item, Start(item, y, k));
        }
        pushedFrom = pushed;
        return pages;
    }

    /// <summary>Lines and blank lines shrink with the line pitch; other items keep their height.</summary>
    private static double HeightOf(FlowItem item, double pitch) => item.Elastic ? item.Height * pitch : item.Height;

    /// <summary>Removes from the end of a page the items that hold its last <paramref name="bodyLines"/> body lines
    /// (with the blank lines and attachment lines after them). The page keeps at least one item; table rows and
    /// items bound to what follows them stay.</summary>
    private static List<FlowItem> TakeTail(LaidOutPage page, int bodyLines)
    {
        var take = 0;
        var found = 0;
        for (var j = page.Items.Count - 1; j >= 1 && found < bodyLines; j--)
        {
            var candidate = page.Items[j].Item;
            // A form's last rows go along like body lines (the signature never stands alone under a table that ended on the
            // page before); a row whose header would stay behind alone does not.
            var row = candidate.Kind == "table-row" && page.Items[j - 1].Item.Kind != "table-header";
            if (candidate.AtPageBottom || candidate.RepeatHeader is not null && !row || candidate.KeepWithNext && !candidate.IsBodyText) break;
            take++;
            if (candidate.IsBodyText || row) found++;
        }
        if (found == 0) return [];
        var tail = page.Items.Skip(page.Items.Count - take).Select(p => p.Item).ToList();
        page.Items.RemoveRange(page.Items.Count - take, take);
        // Rows that start the new page bring their table's header (a form's is empty).
        if (tail[0].RepeatHeader is { Height: > 0 } header) tail.Insert(0, header);
        return tail;
    }

    /// <summary>Where the item at <paramref name="index"/> ends, with every following item it must share its page with
    /// (a chain of <see cref="FlowItem.KeepWithNext"/>), including the last one's overhang.</summary>
    private static double ChainBottom(IReadOnlyList<FlowItem> items, int index, double top, double pitch)
    {
        var bottom = top + HeightOf(items[index], pitch);
        var overhang = items[index].Overhang;
        for (var k = index; items[k].KeepWithNext && k + 1 < items.Count; k++)
        {
            var next = items[k + 1];
            bottom = Start(next, bottom, pitch) + HeightOf(next, pitch);
            overhang = next.Overhang;
        }
        return bottom + overhang;
    }

    /// <summary>Where an item starts if the flow is at y: grid items move down to the next line of the page's grid.</summary>
    private static double Start(FlowItem item, double y, double pitch)
    {
        if (!item.OnGrid) return y;
        var step = Gbt9704.LinePitch * pitch;
        var line = Math.Ceiling(y / step - 1e-6);
        return line * step;
    }

    private static LaidOutPage NewPage(List<LaidOutPage> pages)
    {
        var page = new LaidOutPage(pages.Count + 1);
        pages.Add(page);
        return page;
    }

    private static void Place(LaidOutPage page, FlowItem item, double top) => page.Items.Add(new PlacedItem(item, top));
}
