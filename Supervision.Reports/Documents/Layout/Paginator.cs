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
        double y = 0;          // where the flow continues
        double used = 0;       // lowest point used, including overhangs

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
                Place(page, item, height - item.Height);
                y = used = height;
                continue;
            }

            var top = Start(item, y);
            var need = item.Height + item.Overhang;
            if (item.KeepWithNext && i + 1 < items.Count)
                need = Math.Max(need, Start(items[i + 1], top + item.Height) - top + items[i + 1].Height);
            if (top + need <= height + Tolerance || page.Items.Count == 0)
            {
                Place(page, item, top);
                y = top + item.Height;
                used = Math.Max(y, top + item.Height + item.Overhang);
                continue;
            }

            // A new page. Items that must go with this one leave the old page first.
            var moving = new List<FlowItem>();
            if (item.KeepWithPrevious > 0)
            {
                var movable = page.Items.Count - 1;     // the old page keeps at least one item
                for (var k = 0; k < Math.Min(item.KeepWithPrevious, movable); k++)
                {
                    var last = page.Items[^1];
                    if (last.Item.IsSpace || last.Item.AtPageBottom || last.Item.RepeatHeader is not null) break;
                    moving.Insert(0, last.Item);
                    page.Items.RemoveAt(page.Items.Count - 1);
                }
                while (page.Items.Count > 1 && page.Items[^1].Item.IsSpace && moving.Count > 0)
                    page.Items.RemoveAt(page.Items.Count - 1);
            }
            page = NewPage(pages);
            y = 0;
            if (item.RepeatHeader is not null)
            {
                Place(page, item.RepeatHeader, 0);
                y = item.RepeatHeader.Height;
            }
            foreach (var moved in moving)
            {
                var movedTop = Start(moved, y);
                Place(page, moved, movedTop);
                y = movedTop + moved.Height;
            }
            top = Start(item, y);
            Place(page, item, top);
            y = top + item.Height;
            used = Math.Max(y, top + item.Height + item.Overhang);
        }

        foreach (var page in pages)
            foreach (var placed in page.Items)
                foreach (var op in placed.Item.Ops)
                    page.Ops.Add(op.MovedDown(Gbt9704.BlockTop + placed.Top));
        return pages;
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
