using Bunit;
using Supervision.Domain.Inspections;
using Supervision.Tests.Infrastructure;
using Supervision.Web.Components.Pages.Inspections;

namespace Supervision.Tests.Web.Inspections;

public class ChecklistFormTests : MudTestContext
{
    private static List<InspectionItemResult> Items() =>
    [
        new() { Id = 11, ItemCode = "RN-01", ItemTitle = "入网证件查验", ItemEvidenceHint = "抽查入网工单与证件留存", Outcome = ItemOutcome.Compliant },
        new() { Id = 12, ItemCode = "RN-05", ItemTitle = "读卡器与联网核验" },
        new() { Id = 13, ItemCode = "RN-10", ItemTitle = "存量未实名用户处置" },
    ];

    private static readonly EvidenceFile Photo = new() { Id = 7, OwnerType = EvidenceFile.InspectionItemOwner, OwnerId = 12, FileName = "网点照片.png", ContentType = "image/png" };

    [Fact]
    public void Each_item_of_the_plan_is_a_row_with_its_outcome_choices_and_the_progress_counts_recorded_items()
    {
        var cut = Render<ChecklistForm>(p => p.Add(x => x.Items, Items()).Add(x => x.Evidence, [Photo]));
        Assert.Equal(3, cut.FindAll(".checklist-item").Count);
        Assert.Contains("RN-05", cut.Find("#item-12").TextContent);
        Assert.Contains("应记录：抽查入网工单与证件留存", cut.Find("#item-11").TextContent);
        Assert.Contains("已记录 1 / 3 项", cut.Find("#checklist-progress").TextContent);
        Assert.Equal("true", cut.Find("#outcome-11-Compliant").GetAttribute("aria-pressed"));
        Assert.Equal(["符合", "不符合", "不适用"], cut.Find("#item-12").QuerySelectorAll("button[id^=outcome-]").Select(b => b.TextContent.Trim()));
        Assert.Equal("/files/evidence/7", cut.Find("#item-12 .evidence-chip a").GetAttribute("href"));
    }

    [Fact]
    public void Choosing_an_outcome_saves_it_at_once_and_a_non_compliance_asks_for_the_facts_until_they_are_written()
    {
        var saves = new List<ItemSave>();
        var cut = Render<ChecklistForm>(p => p.Add(x => x.Items, Items()).Add(x => x.OnSave, s => saves.Add(s)));
        cut.Find("#outcome-12-NonCompliant").Click();
        Assert.Equal(new ItemSave(12, ItemOutcome.NonCompliant, null), saves.Single());
        Assert.Contains("不符合项须写明检查发现的情况", cut.Find("#item-12 .notes-required").TextContent);
        Assert.Contains("不符合1项", cut.Find("#checklist-progress").TextContent);
        Assert.Empty(cut.FindAll("#item-11 .notes-required"));

        // Typing saves once the inspector pauses (debounced), not at every keystroke.
        cut.Find("#notes-12").Input("抽查3个网点，1个存在人工录入");
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(new ItemSave(12, ItemOutcome.NonCompliant, "抽查3个网点，1个存在人工录入"), saves.Last());
            Assert.Empty(cut.FindAll("#item-12 .notes-required"));
        }, TimeSpan.FromSeconds(3));

        // A late debounced save may re-render the form between finding the button and clicking it; click the current one.
        cut.WaitForAssertion(() =>
        {
            if (!saves.Contains(new ItemSave(13, ItemOutcome.NotApplicable, null))) cut.Find("#outcome-13-NotApplicable").Click();
            Assert.Contains(new ItemSave(13, ItemOutcome.NotApplicable, null), saves);
        }, TimeSpan.FromSeconds(3));
        // Saving is idempotent: the debounced notes may arrive more than once, but always with the same content.
        Assert.Equal(3, saves.Distinct().Count());
        Assert.Contains("已记录 3 / 3 项", cut.Find("#checklist-progress").TextContent);
    }

    [Fact]
    public void A_parent_rendering_again_with_the_same_items_keeps_what_was_chosen()
    {
        var items = Items();
        var cut = Render<ChecklistForm>(p => p.Add(x => x.Items, items));
        cut.Find("#outcome-12-NonCompliant").Click();
        cut.Render(p => p.Add(x => x.Items, items).Add(x => x.ReadOnly, false));
        Assert.Equal("true", cut.Find("#outcome-12-NonCompliant").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void A_locked_record_shows_results_without_inputs_and_offers_amendment_only_when_allowed()
    {
        var items = Items();
        items[1].Outcome = ItemOutcome.NonCompliant;
        items[1].Notes = "人工录入12笔";
        var cut = Render<ChecklistForm>(p => p.Add(x => x.Items, items).Add(x => x.Evidence, [Photo]).Add(x => x.ReadOnly, true));
        Assert.Empty(cut.FindAll("button[id^=outcome-]"));
        Assert.Empty(cut.FindAll("textarea"));
        Assert.Empty(cut.FindAll("button[id^=amend-]"));
        Assert.Contains("人工录入12笔", cut.Find("#item-12 .item-notes").TextContent);
        Assert.Contains("不符合", cut.Find("#item-12 .status-chip").TextContent);
        Assert.Empty(cut.FindAll(".evidence-chip .mud-chip-close-button"));

        long? amended = null;
        var amendable = Render<ChecklistForm>(p => p.Add(x => x.Items, items).Add(x => x.ReadOnly, true).Add(x => x.CanAmend, true).Add(x => x.OnAmend, id => amended = id));
        amendable.Find("#amend-12").Click();
        Assert.Equal(12, amended);
    }

    /// <summary>Evidence over the limit is refused beside its item with a Chinese message (it used to vanish silently) and never sent.</summary>
    [Fact]
    public void Evidence_over_the_limit_is_refused_beside_its_item_and_not_uploaded()
    {
        var uploads = new List<EvidenceUpload>();
        var cut = Render<ChecklistForm>(p => p.Add(x => x.Items, Items()).Add(x => x.MaxFileBytes, 1024 * 1024).Add(x => x.OnUpload, u => uploads.Add(u)));
        var pickers = cut.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>();
        Assert.Equal(3, pickers.Count);

        pickers[1].UploadFiles(InputFileContent.CreateFromBinary(new byte[1024 * 1024 + 1], "网点照片.jpg"));
        cut.WaitForAssertion(() => Assert.Contains("“网点照片.jpg”大小为1.0MB，超过1MB的上限，未上传", cut.Find("#item-12 .file-refused").TextContent));
        Assert.Empty(uploads);
        Assert.Empty(cut.FindAll("#item-11 .file-refused"));

        pickers[1].UploadFiles(InputFileContent.CreateFromBinary(new byte[1024], "网点照片.jpg"));
        cut.WaitForAssertion(() => Assert.Equal(12, Assert.Single(uploads).ItemId));
        Assert.Empty(cut.FindAll(".file-refused"));
    }
}
