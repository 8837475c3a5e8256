using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Catalog;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Documents;
using Supervision.Domain.Files;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;
using Supervision.Domain.Rankings;

namespace Supervision.Domain.Submissions;

/// <summary>What a carrier sends: which return, for which period, how, and whether to file it at once.</summary>
/// <param name="Attested">The signatory attests to the return (<see cref="Attestation.Text"/>); needed to file it.</param>
/// <param name="Explanations">The carrier's explanation of each figure the plausibility checks flag, by cell (<c>汇总!D5</c>); filing needs one for each.</param>
public sealed record StoreCommand(int BranchId, string TemplateCode, string Period, string FileName, string Channel, bool SubmitNow, string? IdempotencyKey = null,
    bool Attested = false, IReadOnlyDictionary<string, string>? Explanations = null);

/// <summary>A file that came with the return (the signed PDF of SELF-ANNUAL).</summary>
public sealed record Attachment(string FileName, byte[] Bytes);

/// <summary>
/// Either the stored submission (with its flags) or the errors that refused it; <see cref="Repeated"/> when an idempotency key matched.
/// <see cref="Findings"/> are the figures the plausibility checks flagged; a filing is held back (no submission, no errors) while
/// any of them is <see cref="Unexplained"/>.
/// </summary>
public sealed record StoreResult(Submission? Submission, IReadOnlyList<ValidationIssue> Issues, bool Repeated = false,
    IReadOnlyList<PlausibilityFinding>? Findings = null, IReadOnlyList<PlausibilityFinding>? Unexplained = null)
{
    public bool Unconfirmed => Submission is null && Unexplained is { Count: > 0 };

    public bool Accepted => Submission is not null;
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Kind == IssueKind.Error);
}

/// <summary>Everything a downloaded template is filled with for one branch and period.</summary>
public sealed record TemplateFill(TemplateDefinition Template, ReportingPeriod Period, string BranchCode, string BranchName, DateOnly DueDate,
    IReadOnlyList<string> ProvinceCities, IReadOnlyList<string> BranchCities, IReadOnlyDictionary<string, IReadOnlyList<string>> CatalogLists,
    IReadOnlyDictionary<string, string> ChecklistTitles, IReadOnlyDictionary<string, string>? CityNames = null)
{
    /// <summary>What people call a city code (银川市 for 640100); the code itself when the catalog has no name for it.</summary>
    public string CityName(string code) => CityNames?.GetValueOrDefault(code) is { Length: > 0 } name ? name : code;

    /// <summary>
    /// The rows a fresh copy of a sheet starts with, by the sheet's columns (null where nothing is filled in): every city of
    /// the branch × channel ("CityChannel"), or every item of a catalog list with its title ("List:NAME"). The downloaded
    /// workbook and the browser form start from these same rows.
    /// </summary>
    public IReadOnlyList<string?[]> PrefillRows(SheetDefinition def)
    {
        var rows = new List<string?[]>();
        if (def.Prefill == "CityChannel" && Template.Lists.TryGetValue("Channel", out var channels))
        {
            int city = def.ColumnIndex("CityCode"), channel = def.ColumnIndex("Channel");
            foreach (var code in BranchCities)
            foreach (var c in channels)
            {
                var row = new string?[def.Columns.Count];
                (row[city], row[channel]) = (code, c);
                rows.Add(row);
            }
        }
        else if (def.Prefill?.StartsWith("List:", StringComparison.Ordinal) == true && CatalogLists.TryGetValue(def.Prefill[5..], out var items))
        {
            var list = def.Prefill[5..];
            var code = def.Columns.Select((c, i) => (c, i)).First(x => x.c.Type == FieldType.Choice && x.c.List == list).i;
            var title = def.Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Field == "ItemTitle", (null!, -1)).Item2;
            foreach (var item in items)
            {
                var row = new string?[def.Columns.Count];
                row[code] = item;
                if (title >= 0) row[title] = ChecklistTitles.GetValueOrDefault(item, "");
                rows.Add(row);
            }
        }
        return rows;
    }
}

public sealed record TemplateInfo(int Id, string Code, int Version, string Name, Frequency Frequency, TemplateDefinition Definition);

/// <summary>Compliance returns: templates, upload, filing, review, versions and the regulator's overview.</summary>
/// <summary>
/// Whether a return can be uploaded now (<see cref="Refusal"/> says why not) and, when its latest version was sent back,
/// that version — an identical file uploaded again is worth a warning.
/// </summary>
/// <param name="Filed">The filed version that closes the period (under review or accepted), when that is why it is closed.</param>
/// <param name="NotEnded">The period has not ended yet (a return is filed once it has).</param>
public sealed record UploadStanding(string? Refusal, ReturnedVersion? Returned, FiledVersion? Filed = null, bool NotEnded = false);

/// <summary>The version that closes a period to uploads: which, its status, its receipt number.</summary>
public sealed record FiledVersion(long Id, int Version, SubmissionStatus Status, string? ReceiptNo);

/// <summary>A period a carrier may choose for a return, with where its return stands (null when nothing is filed yet).</summary>
public sealed record PeriodChoice(string Period, string Label, string? State, bool Closed);

public sealed record ReturnedVersion(int Version, string Sha256, string? Reason);

/// <summary>Whether the acting user can file (as <see cref="UserName"/>), the 签报人 of the branch, and why not.</summary>
public sealed record Signing(string? UserName, IReadOnlyList<string> Signatories, DomainException? Refusal);

public sealed partial class SubmissionService(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, TimeProvider clock, CatalogService catalog,
    IRankingSummary rankings, IReturnReader reader, ImportGate gate, DocumentRegistry documents, NotificationService notifications, FilingFigureCache figures)
{
    /// <summary>Active templates (the latest active version of each code).</summary>
    public async Task<IReadOnlyList<TemplateInfo>> TemplatesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = await db.ReturnTemplates.AsNoTracking().Where(t => t.IsActive).ToListAsync(ct);
        return all.GroupBy(t => t.Code).Select(g => g.OrderByDescending(t => t.Version).First())
            .OrderBy(t => t.Frequency).ThenBy(t => t.Code)
            .Select(t => new TemplateInfo(t.Id, t.Code, t.Version, t.Name, t.Frequency, t.Definition)).ToList();
    }

    public async Task<TemplateInfo> TemplateAsync(string code, CancellationToken ct = default) =>
        (await TemplatesAsync(ct)).FirstOrDefault(t => t.Code == code) ?? throw new DomainException("template.unknown", $"报表模板“{code}”不存在或已停用。");

    /// <summary>Whether a branch files a template, per the template's applicability.</summary>
    public static bool AppliesTo(TemplateDefinition template, Branch branch, Carrier carrier) =>
        template.AppliesTo.Levels.Contains(branch.Level.ToString()) && template.AppliesTo.CarrierKinds.Contains(carrier.Kind.ToString());

    /// <summary>The templates a branch files (for its upload page and its API).</summary>
    public async Task<IReadOnlyList<TemplateInfo>> TemplatesForAsync(int branchId, CancellationToken ct = default)
    {
        var branch = await BranchAsync(branchId, ct);
        return (await TemplatesAsync(ct)).Where(t => AppliesTo(t.Definition, branch, branch.Carrier!)).ToList();
    }

    /// <summary>Everything validation needs besides the file: the province's city codes, the branch's cities, catalog lists.</summary>
    public async Task<(ValidationContext Context, Branch Branch)> ContextAsync(int branchId, ReportingPeriod period, CancellationToken ct = default)
    {
        var branch = await BranchAsync(branchId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var provinceCities = await db.Cities.Where(c => c.ProvinceId == branch.ProvinceId).OrderBy(c => c.Code).Select(c => c.Code).ToListAsync(ct);
        var childCities = await db.Branches.IgnoreQueryFilters().Where(b => b.ParentBranchId == branch.Id && b.CityId != null)
            .Select(b => b.City!.Code).ToListAsync(ct);
        // A provincial company answers for the cities of its city companies; one without any (a reseller) for the whole province.
        var branchCities = branch.City is { } city ? [city.Code] : childCities.Count > 0 ? childCities : provinceCities;
        var rnItems = (await catalog.ListChecklistAsync(activeOnly: true, ct)).Where(i => i.Code.StartsWith("RN-", StringComparison.Ordinal)).Select(i => i.Code).ToList();
        var lists = new Dictionary<string, IReadOnlyList<string>> { ["RnChecklist"] = rnItems };
        return (new ValidationContext(period, branch.Code, provinceCities.ToHashSet(), branchCities.ToHashSet(), lists), branch);
    }

    /// <summary>What the template of a return is filled with for a branch and period (the branch must file it).</summary>
    public async Task<TemplateFill> TemplateFillAsync(int branchId, string templateCode, string periodText, CancellationToken ct = default) =>
        await TemplateFillAsync(await TemplateAsync(templateCode, ct), branchId, periodText, ct);

    private async Task<TemplateFill> TemplateFillAsync(TemplateInfo template, int branchId, string periodText, CancellationToken ct)
    {
        var period = ReportingPeriod.Parse(periodText, template.Frequency);
        var (context, branch) = await ContextAsync(branchId, period, ct);
        if (!AppliesTo(template.Definition, branch, branch.Carrier!))
            throw new AccessDeniedException($"{branch.ShortName}不需要报送“{template.Name}”。");
        var due = period.DueDate(template.Definition.DueDay, template.Definition.DueMonthsAfter, await catalog.GetCalendarAsync(ct));
        var titles = (await catalog.ListChecklistAsync(activeOnly: true, ct)).ToDictionary(i => i.Code, i => i.Title);
        await using var db = await factory.CreateDbContextAsync(ct);
        var cityNames = await db.Cities.AsNoTracking().Where(c => c.ProvinceId == branch.ProvinceId).Select(c => new { c.Code, c.Name }).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        return new TemplateFill(template.Definition, period, branch.Code, branch.Name, due, context.ProvinceCities.Order().ToList(),
            context.BranchCities.Order().ToList(), context.CatalogLists, titles, cityNames);
    }

    /// <summary>
    /// An uploaded return, from the web page or the API: reads the file against its template (waiting for a free slot on
    /// this node, <see cref="ImportGate"/>), then <see cref="StoreAsync"/>'s validation and storage.
    /// </summary>
    public async Task<StoreResult> UploadAsync(UploadRequest request, byte[] content, IProgress<UploadProgress>? progress = null, CancellationToken ct = default)
    {
        StoredFile.CheckName(request.FileName);
        if (request.Pdf is { } pdf) StoredFile.CheckName(pdf.FileName);
        var target = await TargetAsync(request.BranchId, request.TemplateCode, request.Period, ct);
        var command = new StoreCommand(request.BranchId, request.TemplateCode, target.Period.ToString(), request.FileName, request.Channel, request.SubmitNow, request.IdempotencyKey,
            request.Attested, request.Explanations);
        var fingerprint = Fingerprint(target, content, request.Pdf);
        if (await RepeatedAsync(target.Branch.Id, command.IdempotencyKey, fingerprint, ct) is { } repeated)
            return repeated;
        if (await RefusalAsync(target, ct) is { } refusal)
            throw refusal;
        // Who may file is known before the file is read: a refused filing costs no parsing.
        if (request.SubmitNow) await SignatoryAsync(target.Branch.Id, request.Attested, ct);
        progress?.Report(new UploadProgress("排队等待", 0));
        using var slot = await gate.EnterAsync(content.LongLength, ct);
        progress?.Report(new UploadProgress("读取文件", 0));
        // The rows go from the file through the checks into the database as they are read; only the summary sheets the
        // plausibility checks read are held.
        var definition = target.Template.Definition;
        return await StoreAsync(target, command,
            () => reader.Open(definition, request.FileName, content, target.Context, sheet => PlausibilityRules.FieldsOf(definition, sheet.Name).Count > 0, progress, ct),
            content, request.Pdf, fingerprint, progress, ct);
    }

    /// <summary>
    /// Reads and checks a return exactly as <see cref="UploadAsync"/> does — the same reader, rules and PDF check — and
    /// stores nothing (the web form's "检查"): the errors name the same cells as for the upload of the same file.
    /// </summary>
    public async Task<IReadOnlyList<ValidationIssue>> CheckAsync(UploadRequest request, byte[] content, CancellationToken ct = default)
    {
        StoredFile.CheckName(request.FileName);
        var target = await TargetAsync(request.BranchId, request.TemplateCode, request.Period, ct);
        using var slot = await gate.EnterAsync(content.LongLength, ct);
        var parsed = reader.Read(target.Template.Definition, request.FileName, content, target.Context, null, ct);
        return Check(target, parsed, request.Pdf);
    }

    /// <summary>
    /// Validates a return already read (from a file, or entered field by field) and, if it has no errors, stores the
    /// original file, the new version, every parsed row, the flags and — when filed at once — its receipt in one
    /// transaction. A refused upload is logged as an attempt and changes nothing else.
    /// <para>
    /// With an idempotency key the request is remembered by the key on the version it created, in the same transaction;
    /// its fingerprint is the version's template, period and hashes. Sent again, the same request returns that version;
    /// another request under the key is refused (<see cref="Submission.IdempotencyMismatchCode"/>). Two sent at once —
    /// to one node or to several on one database — both get the first result: the loser either finds the winner's row
    /// when it looks inside its own transaction, or its insert is refused by the unique index on (branch, key) once the
    /// winner commits, and it reads the winner's row then.
    /// </para>
    /// </summary>
    public async Task<StoreResult> StoreAsync(StoreCommand command, ParsedReturn parsed, byte[] original, Attachment? attachment, CancellationToken ct = default)
    {
        var target = await TargetAsync(command.BranchId, command.TemplateCode, command.Period, ct);
        var fingerprint = Fingerprint(target, original, attachment);
        if (await RepeatedAsync(target.Branch.Id, command.IdempotencyKey, fingerprint, ct) is { } repeated)
            return repeated;
        if (await RefusalAsync(target, ct) is { } refusal)
            throw refusal;
        return await StoreAsync(target, command with { Period = target.Period.ToString() }, HeldReturn.Opener(parsed), original, attachment, fingerprint, null, ct);
    }

    /// <summary>
    /// Why the branch cannot upload the return for the period now (null when it can): the upload page asks before a file is
    /// chosen, and every upload is refused with it before its file is read.
    /// </summary>
    public async Task<UploadStanding> UploadStandingAsync(int branchId, string templateCode, string period, CancellationToken ct = default)
    {
        var target = await TargetAsync(branchId, templateCode, period, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = await LatestAsync(db, target, ct);
        var refusal = Submission.CannotUploadFor(target.Period, latest?.Status, Today(clock.GetUtcNow()));
        return new UploadStanding(refusal?.Message,
            latest is { Status: SubmissionStatus.Returned } returned ? new ReturnedVersion(returned.Version, returned.Sha256, returned.ReviewNote) : null,
            refusal?.Code == "submission.locked" && latest is not null ? new FiledVersion(latest.Id, latest.Version, latest.Status, latest.ReceiptNo) : null,
            refusal?.Code == "submission.period_open");
    }

    /// <summary>
    /// The periods a branch may choose for a return: the last ended ones (12 months, 8 quarters or 5 years), newest first,
    /// each with where its return stands — a period under review or accepted is closed to new versions.
    /// </summary>
    public async Task<IReadOnlyList<PeriodChoice>> PeriodChoicesAsync(int branchId, string templateCode, CancellationToken ct = default)
    {
        var template = await TemplateAsync(templateCode, ct);
        var today = Today(clock.GetUtcNow());
        var periods = ReportingPeriod.Recent(template.Frequency, today);
        var keys = periods.Select(p => p.ToString()).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var latest = (await db.Submissions.AsNoTracking().Where(s => s.BranchId == branchId && s.TemplateCode == template.Code && keys.Contains(s.Period))
                .Select(s => new { s.Period, s.Version, s.Status }).ToListAsync(ct))
            .GroupBy(s => s.Period).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Version)!.Status);
        return periods.Select(p => latest.TryGetValue(p.ToString(), out var status)
                ? new PeriodChoice(p.ToString(), p.Label, Submission.StatusLabel(status), Submission.CannotUploadAfter(status) is not null)
                : new PeriodChoice(p.ToString(), p.Label, null, false))
            .ToList();
    }

    private async Task<DomainException?> RefusalAsync(UploadTarget target, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return Submission.CannotUploadFor(target.Period, (await LatestAsync(db, target, ct))?.Status, Today(clock.GetUtcNow()));
    }

    private static Task<Submission?> LatestAsync(SupervisionDbContext db, UploadTarget target, CancellationToken ct) =>
        db.Submissions.AsNoTracking().Where(s => s.BranchId == target.Branch.Id && s.TemplateCode == target.Template.Code && s.Period == target.Period.ToString())
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);

    /// <summary>What an upload is for: the template, the period, the branch (which must file it) and what validation needs.</summary>
    private sealed record UploadTarget(TemplateInfo Template, ReportingPeriod Period, Branch Branch, ValidationContext Context);

    private async Task<UploadTarget> TargetAsync(int branchId, string templateCode, string periodText, CancellationToken ct) =>
        await TargetAsync(await TemplateAsync(templateCode, ct), branchId, periodText, ct);

    private async Task<UploadTarget> TargetAsync(TemplateInfo template, int branchId, string periodText, CancellationToken ct)
    {
        var period = ReportingPeriod.Parse(periodText, template.Frequency);
        var (context, branch) = await ContextAsync(branchId, period, ct);
        if (!AppliesTo(template.Definition, branch, branch.Carrier!))
            throw new AccessDeniedException($"{branch.ShortName}不需要报送“{template.Name}”。");
        return new UploadTarget(template, period, branch, context);
    }

    private static UploadFingerprint Fingerprint(UploadTarget target, byte[] original, Attachment? attachment) =>
        new(target.Template.Code, target.Period.ToString(), StoredFile.Hash(original), attachment is null ? null : StoredFile.Hash(attachment.Bytes));

    /// <param name="open">Opens the return to be read (again for each attempt): a file streamed from the reader, or rows held.</param>
    private async Task<StoreResult> StoreAsync(UploadTarget target, StoreCommand command, Func<IReturnStream> open, byte[] original, Attachment? attachment,
        UploadFingerprint fingerprint, IProgress<UploadProgress>? progress, CancellationToken ct)
    {
        var signatory = command.SubmitNow ? await SignatoryAsync(target.Branch.Id, command.Attested, ct) : null;
        var due = target.Period.DueDate(target.Template.Definition.DueDay, target.Template.Definition.DueMonthsAfter, await catalog.GetCalendarAsync(ct));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await InsertAsync(command, signatory, target, due, open, original, attachment, fingerprint, progress, ct);
            }
            catch (DbUpdateException ex) when (ConcurrentChange.IsLostRace(ex) && attempt < StoreAttempts)
            {
                // Another upload of this return committed first: the same request under the same key (answer with it), or
                // another upload that took the version number or superseded the same draft (look at the latest again).
                if (await RepeatedAsync(target.Branch.Id, command.IdempotencyKey, fingerprint, ct) is { } winner)
                    return winner;
            }
        }
    }

    private const int StoreAttempts = 4;

    /// <summary>
    /// One transaction: the version with its original file (bytes and SHA-256), then every row as it is read and checked,
    /// handed to the bulk inserter as it comes (nothing holds the rows); after the first error no row is stored any more, the
    /// rest is still read to list every error, and the whole transaction is rolled back — a refused upload changes nothing
    /// but its logged attempt. Then the checks that need every row, the plausibility checks, and the receipt when filed.
    /// </summary>
    private async Task<StoreResult> InsertAsync(StoreCommand command, string? signatory, UploadTarget target, DateOnly due, Func<IReturnStream> open, byte[] original,
        Attachment? attachment, UploadFingerprint fingerprint, IProgress<UploadProgress>? progress, CancellationToken ct)
    {
        var (template, period, branch) = (target.Template, target.Period, target.Branch);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var latest = await db.Submissions.Where(s => s.BranchId == branch.Id && s.TemplateCode == template.Code && s.Period == period.ToString())
            .OrderByDescending(s => s.Version).FirstOrDefaultAsync(ct);
        // Read after the latest version: a concurrent request under the key that committed in between is seen here, not
        // mistaken for a filed version that locks the period.
        if (await FindByIdempotencyKeyAsync(db, branch.Id, command.IdempotencyKey, ct) is { } earlier)
            return new StoreResult(earlier.Repeat(fingerprint), [], Repeated: true);
        var submission = Submission.NewVersion(branch, template.Id, template.Code, period.ToString(), latest, due,
            StoredFile.From(command.FileName, ContentTypeOf(command.FileName), original, access.Actor, now),
            attachment is null ? null : StoredFile.From(attachment.FileName, "application/pdf", attachment.Bytes, access.Actor, now), 0, [],
            command.Channel, command.IdempotencyKey, access.Actor, now);
        if (signatory is not null)
            submission.Submit(access.Actor, signatory, now, Today(now));
        db.Submissions.Add(submission);
        await db.SaveChangesAsync(ct);

        using var stream = open();
        var parsed = stream.Parsed;
        var checker = new ReturnChecker(parsed, target.Context);
        foreach (var (sheet, rows) in stream.Sheets())
            await BulkInserter.InsertAsync(db, RowMapper.ClrType(sheet.Definition.Target), Checked(sheet, rows), ct);
        checker.Finish();
        stream.Complete();
        if (template.Definition.RequiresPdf || attachment is not null)
            CheckPdf(attachment, parsed.Issues);
        var issues = parsed.Issues;
        progress?.Report(new UploadProgress("校验并保存", parsed.RowCount));
        if (issues.Any(i => i.Kind == IssueKind.Error))
        {
            await tx.RollbackAsync(ct);
            await LogAttemptAsync(command, branch, period, original.LongLength, fingerprint.FileSha256, issues, ct);
            return new StoreResult(null, issues);
        }
        // Plausibility is judged on the summary figures only (a few dozen rows, held while reading), not the outlet detail.
        var findings = await FindingsAsync(db, template, branch.Id, period.ToString(), FiguresOf(parsed), ct);
        var unexplained = PlausibilityRules.Unexplained(findings, command.Explanations);
        if (command.SubmitNow && unexplained.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return new StoreResult(null, issues, Findings: findings, Unexplained: unexplained);
        }
        submission.Read(parsed.RowCount, issues.Where(i => i.Kind == IssueKind.Flag).Select(flag => new SubmissionFlag
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, Code = flag.Code, Sheet = flag.Sheet, Row = flag.Row, Column = flag.Column, Message = flag.Message,
        }));
        await db.SaveChangesAsync(ct);
        if (submission.IsFiled)
        {
            if (findings.Count > 0)
                await ExplainAsync(db, submission, findings, command.Explanations!, ct);
            await IssueReceiptAsync(db, submission, branch, template,
                template.Definition.Sheets.Select(d => (d.Name, parsed.Sheets.TryGetValue(d.Name, out var sheet) ? sheet.RowCount : 0)), ct);
        }
        await tx.CommitAsync(ct);
        return new StoreResult(submission, issues, Findings: findings);

        // Each row checked as it is read, and stored while the return has no error.
        IEnumerable<object> Checked(ParsedSheet sheet, IEnumerable<ParsedRow> rows)
        {
            foreach (var row in rows)
            {
                checker.Row(sheet, row);
                if (!checker.Failed)
                    yield return RowMapper.Map(sheet.Definition, row, submission.Id, branch.ProvinceId, branch.Id);
            }
        }
    }

    /// <summary>The carrier's explanations of the flagged figures, stored with the version in the filing's transaction.</summary>
    private async Task ExplainAsync(SupervisionDbContext db, Submission submission, IReadOnlyList<PlausibilityFinding> findings, IReadOnlyDictionary<string, string> explanations,
        CancellationToken ct)
    {
        db.PlausibilityExplanations.AddRange(PlausibilityExplanation.For(submission, findings, explanations, await SubmitterNameAsync(db, access.Actor, ct), clock.GetUtcNow()));
        submission.Explained(findings.Count);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Owner type of a return's receipt in the document registry.</summary>
    public const string ReceiptOwnerType = "Submission";

    /// <summary>The receipt of a version just filed, issued in the filing's transaction: a filed return never lacks its receipt.</summary>
    private async Task IssueReceiptAsync(SupervisionDbContext db, Submission submission, Branch branch, TemplateInfo template,
        IEnumerable<(string Sheet, int Rows)> rowCounts, CancellationToken ct)
    {
        var authority = await db.Provinces.Where(p => p.Id == submission.ProvinceId).Select(p => p.AuthorityName).SingleAsync(ct);
        var today = Today(clock.GetUtcNow());
        var submitter = await SubmitterNameAsync(db, submission.SubmittedBy!, ct);
        var signatory = await SubmitterNameAsync(db, submission.AttestedBy!, ct);
        var receipt = await documents.IssueAsync(db, new DocumentRequest(DocumentKind.SubmissionReceipt, submission.ProvinceId, submission.BranchId, ReceiptOwnerType,
                submission.Id.ToString(CultureInfo.InvariantCulture), VisibleToParty: true, today),
            _ => ReceiptData.Of(submission, branch, template, authority, rowCounts, today) with { SubmittedBy = submitter, Signatory = signatory }, ct);
        // One number for the filing wherever it is shown: the receipt's verification code.
        submission.Receipted(receipt.VerificationCode);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The 签报人 filing for the acting user (user name), who must attest: the signed-in user, or the user an API key is bound
    /// to, with the 签报人 duty, not locked, of a branch in the caller's scope (the return's branch or its parent).
    /// </summary>
    private async Task<string> SignatoryAsync(int branchId, bool attested, CancellationToken ct)
    {
        var signing = await SigningAsync(branchId, ct);
        if (signing.Refusal is { } refusal) throw refusal;
        if (!attested) throw new DomainException(Attestation.RequiredCode, Attestation.RequiredMessage);
        return signing.UserName!;
    }

    /// <summary>Whether the acting user may file the branch's returns, and the branch's 签报人 (names) the page shows either way.</summary>
    public async Task<Signing> SigningAsync(int branchId, CancellationToken ct = default)
    {
        if (!access.Scope.IsCarrier)
            return new(null, [], new AccessDeniedException("报表由企业签报人报送。"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Branches.AsNoTracking().Where(b => b.Id == branchId).Select(b => new { b.Id, b.ParentBranchId }).FirstOrDefaultAsync(ct)
                     ?? throw new NotFoundException("企业分支机构");
        // Users are not scoped data: the branch (in the caller's scope, by the filter above) limits whom this reads.
        var now = clock.GetUtcNow();
        var signatories = (await db.Users.AsNoTracking()
                .Where(u => u.Role == UserRole.CarrierUser && u.Signatory && (u.BranchId == branch.Id || u.BranchId == branch.ParentBranchId))
                .OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName, u.DisplayName, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => u.LockoutEnd is not { } end || end <= now).ToList();
        var names = signatories.Select(u => u.DisplayName).ToList();
        var me = signatories.FirstOrDefault(u => access.UserId is { } id ? u.Id == id : u.UserName == access.Actor);
        // The receipt names the signatory: an account without a person's name cannot attest.
        if (me is not null)
            return PersonName.Of(me.DisplayName) is null ? new(null, names, PersonName.Missing(me.DisplayName, "签署报送")) : new(me.UserName, names, null);
        var who = access.UserId is { } uid ? await db.Users.Where(u => u.Id == uid).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        return new(null, names, Attestation.NotSignatory(who is null ? "当前用户" : $"“{who}”", names));
    }

    /// <summary>
    /// Who filed, as a receipt names them: the user's display name, or for the API the name the key was registered with
    /// (the actor of a key is "api:" + its prefix, which is never printed).
    /// </summary>
    private static async Task<string> SubmitterNameAsync(SupervisionDbContext db, string actor, CancellationToken ct)
    {
        if (actor.StartsWith("api:", StringComparison.Ordinal))
        {
            var prefix = actor["api:".Length..];
            return await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Name).FirstOrDefaultAsync(ct) is { Length: > 0 } key ? $"接口密钥“{key}”" : "系统接口";
        }
        return await db.Users.Where(u => u.UserName == actor).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? PersonName.Of(name) ?? name : actor;
    }

    /// <summary>Everything an upload is checked for once read: the template's rules and, where it takes one, the signed PDF.</summary>
    private static List<ValidationIssue> Check(UploadTarget target, ParsedReturn parsed, Attachment? attachment)
    {
        ReturnValidator.Validate(parsed, target.Context);
        if (target.Template.Definition.RequiresPdf || attachment is not null)
            CheckPdf(attachment, parsed.Issues);
        return parsed.Issues;
    }

    /// <summary>The signed PDF: present when the template requires one, and a PDF by content and name without script or embedded files.</summary>
    private static void CheckPdf(Attachment? attachment, List<ValidationIssue> issues)
    {
        if (attachment is null || attachment.Bytes.Length == 0)
        {
            issues.Add(new(IssueKind.Error, "签章报告", 0, null, null, "PDF_REQUIRED", "请同时上传加盖公章、负责人签字的自查报告PDF文件"));
            return;
        }
        if (!attachment.Bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            issues.Add(new(IssueKind.Error, "签章报告", 0, null, null, "PDF_INVALID", $"“{StoredFile.SafeName(attachment.FileName)}”不是有效的PDF文件"));
            return;
        }
        try
        {
            EvidenceFiles.CheckPdf(attachment.FileName, attachment.Bytes);
        }
        catch (DomainException e)
        {
            issues.Add(new(IssueKind.Error, "签章报告", 0, null, null, e.Code, e.Message));
        }
    }

    private async Task LogAttemptAsync(StoreCommand command, Branch branch, ReportingPeriod period, long length, string sha, IReadOnlyList<ValidationIssue> issues, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = issues.Where(i => i.Kind == IssueKind.Error).ToList();
        db.SubmissionAttempts.Add(new SubmissionAttempt
        {
            ProvinceId = branch.ProvinceId, BranchId = branch.Id, TemplateCode = command.TemplateCode, Period = period.ToString(),
            At = clock.GetUtcNow(), By = access.Actor, Channel = command.Channel, FileName = StoredFile.SafeName(command.FileName), Length = length, Sha256 = sha,
            ErrorCount = errors.Count,
            FirstErrors = JsonSerializer.Serialize(errors.Take(20).Select(e => new { e.Sheet, e.Cell, e.Code, e.Message }), TemplateDefinition.Json),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The version an earlier request under this key created, answering this one (or refusing it when it is another request).</summary>
    private async Task<StoreResult?> RepeatedAsync(int branchId, string? key, UploadFingerprint request, CancellationToken ct)
    {
        if (key is not { Length: > 0 }) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FindByIdempotencyKeyAsync(db, branchId, key, ct) is { } earlier ? new StoreResult(earlier.Repeat(request), [], Repeated: true) : null;
    }

    private static async Task<Submission?> FindByIdempotencyKeyAsync(SupervisionDbContext db, int branchId, string? key, CancellationToken ct) =>
        key is { Length: > 0 }
            ? await db.Submissions.AsNoTracking().Include(s => s.Flags).Include(s => s.AttachmentFile)
                .FirstOrDefaultAsync(s => s.BranchId == branchId && s.IdempotencyKey == key, ct)
            : null;

    /// <summary>The carrier files a draft: it becomes 已报送 with a receipt number, late if after the due date, and gets its receipt — together.</summary>
    /// <summary>Files a draft; only a 签报人 of the branch, attesting to it (<paramref name="attested"/>).</summary>
    /// <param name="explanations">The explanation of each figure the plausibility checks flag (<see cref="FindingsOfAsync"/>), by cell; one is needed for each.</param>
    public async Task<Submission> SubmitAsync(long id, bool attested, CancellationToken ct = default, IReadOnlyDictionary<string, string>? explanations = null)
    {
        if (!access.Scope.IsCarrier)
            throw new AccessDeniedException("报表由企业签报人报送。");
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var submission = await db.Submissions.Include(s => s.Branch).Include(s => s.File).Include(s => s.Flags).FirstOrDefaultAsync(s => s.Id == id, ct)
                         ?? throw new NotFoundException("报表");
        var signatory = await SignatoryAsync(submission.BranchId, attested, ct);
        var findings = await StoredFindingsAsync(db, submission, ct);
        if (PlausibilityRules.Unexplained(findings, explanations) is { Count: > 0 } unexplained)
            throw new PlausibilityUnconfirmedException(findings, unexplained);
        var now = clock.GetUtcNow();
        submission.Submit(access.Actor, signatory, now, Today(now));
        await SaveAsync(db, ct);
        if (findings.Count > 0)
            await ExplainAsync(db, submission, findings, explanations!, ct);
        var template = await db.ReturnTemplates.AsNoTracking().SingleAsync(t => t.Id == submission.TemplateId, ct);
        var counts = new List<(string, int)>();
        foreach (var sheet in template.Definition.Sheets)
            counts.Add((sheet.Name, await RowCountAsync(db, submission.Id, sheet, ct)));
        await IssueReceiptAsync(db, submission, submission.Branch!,
            new TemplateInfo(template.Id, template.Code, template.Version, template.Name, template.Frequency, template.Definition), counts, ct);
        await tx.CommitAsync(ct);
        return submission;
    }

    /// <summary>The inspector accepts a filed return; <paramref name="token"/> is the version the inspector looked at.</summary>
    public Task<Submission> AcceptAsync(long id, Guid token, string? note, CancellationToken ct = default) =>
        ReviewAsync(id, token, s => s.Accept(access.Actor, clock.GetUtcNow(), note), ct);

    /// <summary>Sends a filed return back; the reason opens (or continues) the exchange with the carrier about it.</summary>
    public Task<Submission> ReturnAsync(long id, Guid token, string reason, CancellationToken ct = default) =>
        ReviewAsync(id, token, s => s.Return(access.Actor, clock.GetUtcNow(), reason), ct, async (db, s) =>
            db.SubmissionComments.Add(SubmissionComment.On(s, access.UserId ?? access.Actor, await AuthorNameAsync(db, ct), true, s.ReviewNote!, clock.GetUtcNow(), returnReason: true)));

    /// <summary>How the signed-in user takes part in returns (the actor <see cref="Submission.ActionsFor"/> answers): the carrier files, the regulator's officers review, read-only roles look.</summary>
    public Acting Acting => Actors.Of(access.Scope);

    private async Task<Submission> ReviewAsync(long id, Guid token, Action<Submission> act, CancellationToken ct,
        Func<SupervisionDbContext, Submission, Task>? alongside = null)
    {
        RequireReviewer();
        await using var db = await factory.CreateDbContextAsync(ct);
        var submission = await db.Submissions.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("报表");
        if (submission.ConcurrencyToken != token)
            throw new DomainException("submission.changed", "该报表刚被他人处理，请刷新后查看最新状态。");
        act(submission);
        if (alongside is not null) await alongside(db, submission);
        // The decision and what depends on it (the rankings' summary) commit together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(db, ct);
        await rankings.ReturnReviewedAsync(db, submission, ct);
        await TellCarrierAsync(db, submission, ct);
        await tx.CommitAsync(ct);
        return submission;
    }

    /// <summary>The carrier hears of the answer to its return (bell, home page, and the deliveries it chose), with the reason when it was sent back; in the decision's transaction.</summary>
    private async Task TellCarrierAsync(SupervisionDbContext db, Submission s, CancellationToken ct)
    {
        var template = await db.ReturnTemplates.AsNoTracking().Where(t => t.Id == s.TemplateId).Select(t => new { t.Name, t.Frequency }).SingleAsync(ct);
        var what = $"{template.Name}（{ReportingPeriod.Parse(s.Period, template.Frequency).Label}）第{s.Version}版";
        var draft = s.Status == SubmissionStatus.Returned
            ? new NotificationDraft($"submission-returned:{s.Id}", NotificationLevel.Warning, "报表被退回", $"{what}被退回：{(s.ReviewNote ?? "").TrimEnd('。', '.', ' ')}。" + (s.ReviewNote?.Contains("重新上传", StringComparison.Ordinal) == true ? "" : "请修改后重新上传。"), $"/submissions/{s.Id}")
            : new NotificationDraft($"submission-accepted:{s.Id}", NotificationLevel.Info, "报表已受理", $"{what}已受理" + (s.ReviewNote is { } note ? $"：{note}" : "。"), $"/submissions/{s.Id}");
        await notifications.StageAsync(db, draft, await notifications.CarrierUsersOfAsync(s.BranchId, ct), ct);
        await db.SaveChangesAsync(ct);
    }

    private static Task SaveAsync(SupervisionDbContext db, CancellationToken ct) =>
        db.SaveOrRefuseAsync("submission.changed", "该报表刚被他人处理，请刷新后查看最新状态。", ct);

    private async Task<Branch> BranchAsync(int branchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Branches.AsNoTracking().Include(b => b.Carrier).Include(b => b.City).FirstOrDefaultAsync(b => b.Id == branchId, ct)
               ?? throw new NotFoundException("企业分支机构");
    }

    private static DateOnly Today(DateTimeOffset now) => BeijingTime.Today(now);

    private static string ContentTypeOf(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
