using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;

namespace Supervision.Domain.Submissions;

/// <summary>A web draft as the form shows it: the values, and who saved them when (null before the first save).</summary>
public sealed record EntryDraft(long? Id, EntryValues Values, string? SavedByName, DateTimeOffset? SavedAt, Guid? Token);

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

    /// <summary>Whether the whole return can be checked and filed from the browser (no sheet of it is kept to files).</summary>
    public bool Fileable => FileSheets.Count == 0;
}

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
        draft.Save(template.Definition, Only(template.Definition, values), access.UserId ?? access.Actor, await NameAsync(db, ct), clock.GetUtcNow());
        try
        {
            await db.SaveOrRefuseAsync("entry.changed", "该草稿刚被他人保存，请刷新页面后再填写。", ct);
        }
        catch (DbUpdateException) when (token is null)
        {
            // Two first saves at once: the unique index on (branch, template, period) lets one of them create the draft.
            throw new DomainException("entry.changed", "该草稿刚被本单位其他人首次保存，请刷新页面后再填写，以免覆盖对方的内容。");
        }
        return Of(draft);
    }

    /// <summary>The draft as the template workbook (下载为Excel): the bytes "检查" and "提交" send through the upload.</summary>
    public async Task<(string FileName, byte[] Bytes)> WorkbookAsync(string templateCode, string period, EntryValues values, CancellationToken ct = default)
    {
        var fill = await submissions.TemplateFillAsync(OwnBranch(), templateCode, period, ct);
        return (FileName(fill), Write(fill, values));
    }

    /// <summary>Checks the draft as the upload checks its file, storing nothing: the errors of the workbook it is written into.</summary>
    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(string templateCode, string period, EntryValues values, Attachment? pdf = null, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var fill = await FileableAsync(branchId, templateCode, period, ct);
        return await submissions.CheckAsync(new UploadRequest(branchId, fill.Template.Code, fill.Period.ToString(), FileName(fill), Channel, false, Pdf: pdf), Write(fill, values), ct);
    }

    /// <summary>
    /// Files the draft (a 签报人, attesting): saved first, so a refusal loses nothing typed; then its workbook goes through
    /// <see cref="SubmissionService.UploadAsync"/> like a file. Once a version is stored the draft is gone.
    /// </summary>
    public async Task<StoreResult> SubmitAsync(string templateCode, string period, EntryValues values, Guid? token, bool attested, Attachment? pdf = null,
        IReadOnlyDictionary<string, string>? explanations = null, CancellationToken ct = default)
    {
        var branchId = OwnBranch();
        var fill = await FileableAsync(branchId, templateCode, period, ct);
        var saved = await SaveAsync(templateCode, period, values, token, ct);
        var request = new UploadRequest(branchId, fill.Template.Code, fill.Period.ToString(), FileName(fill), Channel, SubmitNow: true, Pdf: pdf, Attested: attested,
            Explanations: explanations);
        var result = await submissions.UploadAsync(request, Write(fill, values), ct: ct);
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
        return new ReturnEntry(template, fill, branchId, draft is null ? new EntryDraft(null, new EntryValues(fresh), null, null, null) : Of(draft), standing);
    }

    private static EntryDraft Of(ReturnDraft draft) => new(draft.Id, draft.Values, draft.SavedByName, draft.SavedAt, draft.ConcurrencyToken);

    private static Task<ReturnDraft?> FindAsync(SupervisionDbContext db, int branchId, string templateCode, string period, CancellationToken ct) =>
        db.ReturnDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.BranchId == branchId && d.TemplateCode == templateCode && d.Period == period, ct);

    /// <summary>The template filled for the branch, refused when a sheet of it is kept to files (the return is then filed as a file).</summary>
    private async Task<TemplateFill> FileableAsync(int branchId, string templateCode, string period, CancellationToken ct)
    {
        var fill = await submissions.TemplateFillAsync(branchId, templateCode, period, ct);
        if (fill.Template.Sheets.Where(s => !s.WebEntry).Select(s => s.Name).ToList() is { Count: > 0 } files)
            throw new DomainException("entry.file_only",
                $"“{fill.Template.Name}”的{string.Join("、", files.Select(f => $"“{f}”"))}只能在Excel中填写：请下载为Excel，补充后在“上传报表”页上传。");
        return fill;
    }

    /// <summary>The values of the sheets entered in the browser (a sheet kept to files is never taken from a form).</summary>
    private static EntryValues Only(TemplateDefinition template, EntryValues values) =>
        new(values.Sheets.Where(s => template.Sheets.Any(d => d.Name == s.Key && d.WebEntry)).ToDictionary(s => s.Key, s => s.Value));

    private byte[] Write(TemplateFill fill, EntryValues values) => writer.Write(fill, Only(fill.Template, values).Sheets);

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
