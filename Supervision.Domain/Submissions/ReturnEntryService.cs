using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>A web draft as the form shows it: the values, and who saved them when (null before the first save).</summary>
/// <param name="NotCarried">What of the draft a newer template version has no column for (named to the carrier, not dropped silently).</param>
/// <param name="SavedForVersion">The template version the draft was saved for, when a newer one is now in force.</param>
public sealed record EntryDraft(long? Id, EntryValues Values, string? SavedByName, DateTimeOffset? SavedAt, Guid? Token,
    IReadOnlyList<string>? NotCarried = null, int? SavedForVersion = null);

/// <summary>
/// Everything the web form of one return needs: the template (sheets → tabs, columns → inputs), what the template is
/// filled with for the branch (its lists, cities, checklist titles), the draft, and whether the period takes a return now.
/// </summary>
public sealed record ReturnEntry(TemplateInfo Template, TemplateFill Fill, int BranchId, EntryDraft Draft, UploadStanding Standing)
{
    public string Period => Fill.Period.ToString();

    /// <summary>Sheets entered in the browser.</summary>
    public IReadOnlyList<SheetDefinition> WebSheets => Template.Definition.Sheets.Where(s => s.WebEntry).ToList();

    /// <summary>Sheets the template keeps to files (outlet details of thousands of rows).</summary>
    public IReadOnlyList<SheetDefinition> FileSheets => Template.Definition.Sheets.Where(s => !s.WebEntry).ToList();

    /// <summary>Whether the whole return is entered in the browser (no sheet of it is kept to files, whose file is then chosen here too).</summary>
    public bool Fileable => FileSheets.Count == 0;
}

/// <summary>A rule of the template that needs a sheet kept to files (<see cref="Sheet"/>), checked once that sheet's file is chosen.</summary>
public sealed record PendingRule(string Sheet, string Description, string Code);

/// <summary>
/// What "检查" found: the errors and flags of the sheets checked, and — when the sheets kept to files were not given — the
/// rules that wait for them.
/// </summary>
public sealed record EntryCheck(IReadOnlyList<ValidationIssue> Issues, IReadOnlyList<PendingRule> Pending, IReadOnlyList<string> FileSheets);

/// <summary>
/// 在线填报: a carrier fills a small return in the browser, saves it as a draft of its branch, and files it. The draft is
/// never validated or stored on a road of its own: "检查" and "提交" write it into the template workbook
/// (<see cref="IReturnWorkbookWriter"/>, the workbook the carrier can also download) and hand that to
/// <see cref="SubmissionService"/> exactly as an uploaded file — one reader, one rule set, the same errors at the same
/// cells, the same plausibility step, attestation by a 签报人, stored original bytes and SHA-256.
/// </summary>
public sealed class ReturnEntryService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, SubmissionService submissions,
    IReturnWorkbookWriter writer)
{
    /// <summary>How a return filed from the browser is marked (the version's channel).</summary>
    public const string Channel = "form";

    /// <summary>The form of a return for the user's own branch and a period: its saved draft, or the rows a fresh template starts with.</summary>
    public async Task<ReturnEntry> OpenAsync(string templateCode, string period, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var fill = await submissions.TemplateFillAsync(branchId, templateCode, period, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var draft = await FindAsync(db, branchId, templateCode, fill.Period.ToString(), ct);
        return await EntryAsync(branchId, fill, draft, ct);
    }

    /// <summary>A saved draft by its number; a draft of another branch does not exist for the caller.</summary>
    public async Task<ReturnEntry> OpenAsync(long draftId, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        await using var db = await factory.CreateDbContextAsync(ct);
        var draft = await db.ReturnDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == draftId && d.BranchId == branchId, ct) ?? throw new NotFoundException("在线填报草稿");
        var fill = await submissions.TemplateFillAsync(branchId, draft.TemplateCode, draft.Period, ct);
        return await EntryAsync(branchId, fill, draft, ct);
    }

    /// <summary>
    /// Saves what was typed as the branch's draft (the first save creates it). <paramref name="token"/> is the version the
    /// form was opened on: a draft someone else saved since is not overwritten — the caller is told who saved it and when.
    /// </summary>
    public async Task<EntryDraft> SaveAsync(string templateCode, string period, EntryValues values, Guid? token, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var template = await submissions.TemplateAsync(templateCode, ct);
        var fill = await submissions.TemplateFillAsync(branchId, template.Code, period, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var draft = await db.ReturnDrafts.FirstOrDefaultAsync(d => d.BranchId == branchId && d.TemplateCode == template.Code && d.Period == fill.Period.ToString(), ct);
        if (draft is not null && draft.ConcurrencyToken != token)
            throw Changed(draft);
        if (draft is null && token is not null)
            throw new DomainException("entry.changed", "该草稿已被提交或删除，请刷新页面后再填写。");
        if (draft is null)
        {
            var province = await db.Branches.Where(b => b.Id == branchId).Select(b => b.ProvinceId).SingleAsync(ct);
            draft = ReturnDraft.Start(province, branchId, template.Code, fill.Period.ToString());
            db.ReturnDrafts.Add(draft);
        }
        draft.Save(template.Definition, template.Version, Only(template.Definition, values), access.UserId ?? access.Actor, await NameAsync(db, ct), clock.GetUtcNow());
        try
        {
            await db.SaveOrRefuseAsync("entry.changed", "该草稿刚被他人保存，请刷新页面后再填写。", ct);
        }
        catch (DbUpdateException) when (token is null)
        {
            // Two first saves at once: the unique index on (branch, template, period) lets one of them create the draft.
            throw new DomainException("entry.changed", "该草稿刚被本单位其他人首次保存，请刷新页面后再填写，以免覆盖对方的内容。");
        }
        return Of(draft, template);
    }

    /// <summary>The draft as the template workbook (下载为Excel): the bytes "检查" and "提交" send through the upload.</summary>
    public async Task<(string FileName, byte[] Bytes)> WorkbookAsync(string templateCode, string period, EntryValues values, CancellationToken ct = default)
    {
        var fill = await submissions.TemplateFillAsync(OwnBranch(), templateCode, period, ct);
        return (FileName(fill), Write(fill, values));
    }

    /// <summary>
    /// Checks the draft as the upload checks its file, storing nothing: the errors of the workbook it is written into.
    /// Sheet by sheet: with the carrier's file of the sheets kept to files (<paramref name="fileSheets"/>) the whole return
    /// is checked; without it the sheets entered here are checked by the rules that concern them alone, and the rules that
    /// need a file-only sheet are named as waiting for that file (<see cref="EntryCheck.Pending"/>) — neither failed nor silent.
    /// </summary>
    public async Task<EntryCheck> CheckAsync(string templateCode, string period, EntryValues values, Attachment? pdf = null, Attachment? fileSheets = null,
        CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var fill = await submissions.TemplateFillAsync(branchId, templateCode, period, ct);
        var issues = await submissions.CheckAsync(new UploadRequest(branchId, fill.Template.Code, fill.Period.ToString(), FileName(fill), Channel, false, Pdf: pdf),
            Write(fill, values, fileSheets), ct);
        var files = fill.Template.Sheets.Where(s => !s.WebEntry).Select(s => s.Name).ToHashSet();
        if (files.Count == 0 || fileSheets is not null) return new EntryCheck(issues, [], files.ToList());
        var waiting = fill.Template.Rules.Where(r => new[] { r.Sheet, r.SummarySheet, r.DetailSheet }.Any(n => n is not null && files.Contains(n))).ToList();
        var codes = waiting.Select(r => r.Code).ToHashSet();
        return new EntryCheck(issues.Where(i => !files.Contains(i.Sheet) && !codes.Contains(i.Code)).ToList(),
            waiting.Select(r => new PendingRule(r.DetailSheet ?? r.Sheet ?? r.SummarySheet!, r.IsFlag ? r.Name ?? r.Message : r.Message, r.Code)).ToList(), files.ToList());
    }

    /// <summary>
    /// Files the draft (a 签报人, attesting): saved first, so a refusal loses nothing typed; then its workbook goes through
    /// <see cref="SubmissionService.UploadAsync"/> like a file — for a template with sheets kept to files, together with the
    /// carrier's file of those sheets (<paramref name="fileSheets"/>), without which it is refused. Once a version is stored the draft is gone.
    /// </summary>
    public async Task<StoreResult> SubmitAsync(string templateCode, string period, EntryValues values, Guid? token, bool attested, Attachment? pdf = null,
        IReadOnlyDictionary<string, string>? explanations = null, Attachment? fileSheets = null, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var fill = await submissions.TemplateFillAsync(branchId, templateCode, period, ct);
        if (fileSheets is null && fill.Template.Sheets.Where(s => !s.WebEntry).Select(s => s.Name).ToList() is { Count: > 0 } files)
            throw new DomainException("entry.file_sheets_missing",
                $"提交报送前请选择{string.Join("、", files.Select(f => $"“{f}”"))}的Excel文件（可先“下载为Excel”，在其中填写后选择该文件）。");
        var saved = await SaveAsync(templateCode, period, values, token, ct);
        var request = new UploadRequest(branchId, fill.Template.Code, fill.Period.ToString(), FileName(fill), Channel, SubmitNow: true, Pdf: pdf, Attested: attested,
            Explanations: explanations);
        var result = await submissions.UploadAsync(request, Write(fill, values, fileSheets), ct: ct);
        if (result.Accepted)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await db.ReturnDrafts.Where(d => d.Id == saved.Id).ExecuteDeleteAsync(ct);
        }
        return result;
    }

    private async Task<ReturnEntry> EntryAsync(int branchId, TemplateFill fill, ReturnDraft? draft, CancellationToken ct)
    {
        var template = await submissions.TemplateAsync(fill.Template.Code, ct);
        var standing = await submissions.UploadStandingAsync(branchId, template.Code, fill.Period.ToString(), ct);
        var fresh = fill.Template.Sheets.Where(s => s.WebEntry)
            .ToDictionary(s => s.Name, s => (IReadOnlyList<IReadOnlyList<string?>>)fill.PrefillRows(s).Select(r => (IReadOnlyList<string?>)r).ToList());
        return new ReturnEntry(template, fill, branchId, draft is null ? new EntryDraft(null, new EntryValues(fresh), null, null, null) : Of(draft, template), standing);
    }

    private static EntryDraft Of(ReturnDraft draft, TemplateInfo template)
    {
        var carried = draft.ValuesFor(template.Definition, template.Version);
        return new(draft.Id, carried.Values, draft.SavedByName, draft.SavedAt, draft.ConcurrencyToken, carried.NotCarried, carried.SavedForVersion);
    }

    private static Task<ReturnDraft?> FindAsync(SupervisionDbContext db, int branchId, string templateCode, string period, CancellationToken ct) =>
        db.ReturnDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.BranchId == branchId && d.TemplateCode == templateCode && d.Period == period, ct);

    /// <summary>The values of the sheets entered in the browser (a sheet kept to files is never taken from a form).</summary>
    private static EntryValues Only(TemplateDefinition template, EntryValues values) =>
        new(values.Sheets.Where(s => template.Sheets.Any(d => d.Name == s.Key && d.WebEntry)).ToDictionary(s => s.Key, s => s.Value));

    private byte[] Write(TemplateFill fill, EntryValues values, Attachment? fileSheets = null) => writer.Write(fill, Only(fill.Template, values).Sheets, fileSheets);

    private static string FileName(TemplateFill fill) => $"{fill.Template.Name}_{fill.BranchCode}_{fill.Period}_在线填报.xlsx";

    /// <summary>Drafts are the carrier's own: the regulator sees returns once filed, never what is being typed.</summary>
    private int OwnBranch()
    {
        if (!access.Scope.IsCarrier || access.Scope.BranchIds.Count == 0)
            throw new AccessDeniedException("在线填报仅供企业用户使用。");
        return access.Scope.BranchIds[0];
    }

    private async Task<string> NameAsync(SupervisionDbContext db, CancellationToken ct)
    {
        var (id, login) = (access.UserId, access.Actor);
        return await db.Users.AsNoTracking().Where(u => id != null ? u.Id == id : u.UserName == login).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name
            ? name
            : "本单位用户";
    }

    private static DomainException Changed(ReturnDraft draft) =>
        new("entry.changed", $"该草稿已由{draft.SavedByName}于{ChineseDate.Format(BeijingTime.Today(draft.SavedAt))}{BeijingTime.Local(draft.SavedAt):HH:mm}保存，请刷新页面后再填写，以免覆盖对方的修改。");
}
