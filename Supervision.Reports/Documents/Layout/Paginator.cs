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

/// <summary>Distributes flow items over pages of the text block.</summary>
internal static class Paginator
{
    private const double Tolerance = 0.01;

    public static List<LaidOutPage> Paginate(IReadOnlyList<FlowItem> items)
    {
        var pages = new List<LaidOutPage> { new(1) };
        var height = Gbt9704.BlockHeight;
        double y = 0;          // where the flow continues on the last page
        double used = 0;       // lowest point used there, including overhangs

        void Put(LaidOutPage page, FlowItem item, double top)
        {
            Place(page, item, top);
            y = top + item.Height;
            used = Math.Max(used, y + item.Overhang);
        }

        LaidOutPage Restart(IEnumerable<FlowItem> leading)
        {
            var page = pages[^1];
            y = used = 0;
            foreach (var moved in leading)
                if (!(moved.IsSpace && page.Items.Count == 0))
                    Put(page, moved, Start(moved, y));
            return page;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var page = pages[^1];
            if (item.IsSpace && page.Items.Count == 0) continue;

            if (item.AtPageBottom)
            {
                if (Math.Max(y, used) + item.Height > height + Tolerance)
                {
                    page = NewPage(pages);
                    y = used = 0;
                }
                Put(page, item, height - item.Height);
                continue;
            }

            var top = Start(item, y);
            if (top + ChainBottom(items, i, top) - top <= height + Tolerance || page.Items.Count == 0)
            {
                var bodyLines = page.Items.Count(p => p.Item.IsBodyText);
                if (item.KeepWithPrevious > bodyLines && pages.Count > 1)
                {
                    // Its page has too few body lines (a natural break fell just before): lines of the previous page come along.
                    var tail = TakeTail(pages[^2], item.KeepWithPrevious - bodyLines);
                    if (tail.Count > 0)
                    {
                        var already = page.Items.Select(p => p.Item).ToList();
                        page.Items.Clear();
                        page = Restart(tail.Concat(already));
                        top = Start(item, y);
                    }
                }
                Put(page, item, top);
                continue;
            }

            // A new page. Body lines that must go with this item leave the old page first.
            var moving = item.KeepWithPrevious > 0 ? TakeTail(page, item.KeepWithPrevious) : [];
            page = NewPage(pages);
            page = Restart(item.RepeatHeader is { } header ? [header, .. moving] : moving);
            Put(page, item, Start(item, y));
        }

        foreach (var page in pages)
            foreach (var placed in page.Items)
                foreach (var op in placed.Item.Ops)
                    page.Ops.Add(op.MovedDown(Gbt9704.BlockTop + placed.Top));
        return pages;
    }

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
            if (candidate.AtPageBottom || candidate.RepeatHeader is not null || candidate.KeepWithNext && !candidate.IsBodyText) break;
            take++;
            if (candidate.IsBodyText) found++;
        }
        if (found == 0) return [];
        var tail = page.Items.Skip(page.Items.Count - take).Select(p => p.Item).ToList();
        page.Items.RemoveRange(page.Items.Count - take, take);
        return tail;
    }

    /// <summary>Where the item at <paramref name="index"/> ends, with every following item it must share its page with
    /// (a chain of <see cref="FlowItem.KeepWithNext"/>), including the last one's overhang.</summary>
    private static double ChainBottom(IReadOnlyList<FlowItem> items, int index, double top)
    {
        var bottom = top + items[index].Height;
        var overhang = items[index].Overhang;
        for (var k = index; items[k].KeepWithNext && k + 1 < items.Count; k++)
        {
            var next = items[k + 1];
            bottom = Start(next, bottom) + next.Height;
            overhang = next.Overhang;
        }
        return bottom + overhang;
    }

    /// <summary>Where an item starts if the flow is at y: grid items move down to the next grid line.</summary>
    private static double Start(FlowItem item, double y)
    {
        if (!item.OnGrid) return y;
        var line = Math.Ceiling(y / Gbt9704.LinePitch - 1e-6);
        return line * Gbt9704.LinePitch;
    }

    private static LaidOutPage NewPage(List<LaidOutPage> pages)
    {
        var page = new LaidOutPage(pages.Count + 1);
        pages.Add(page);
        return page;
    }

    private static void Place(LaidOutPage page, FlowItem item, double top) => page.Items.Add(new PlacedItem(item, top));
}
