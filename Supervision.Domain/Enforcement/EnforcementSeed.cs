using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Data;
using Supervision.Domain.Data.Seeding;

namespace Supervision.Domain.Enforcement;

/// <summary>Loads seed-data/enforcement-settings.json (national default and provincial rows) into an empty table.</summary>
internal static class EnforcementSeed
{
    private sealed record Row(string? Province, decimal HearingThreshold, int StatementWorkingDays, int HearingRequestWorkingDays, int HearingNoticeWorkingDays,
        int DecisionDays, int ServiceWorkingDays, int PaymentDays, decimal SurchargeRatePerDay, int LimitationYears, int WarnDaysBefore,
        string PaymentInstructions, string ReviewBody, int PublicationWorkingDays = 7, int WithdrawalWorkingDays = 3,
        int PublicationMonths = 12, bool MaskIndividualNames = true, decimal LegalReviewThreshold = 50_000m, int MaxDecisionExtensionDays = 30,
        string? DecisionExtensionSource = null, IReadOnlyList<ApprovalStep>? Approvals = null,
        int ExtendedLimitationYears = 5, string? HearingThresholdSource = null, string PayeeBank = "", string PayeeAccountName = "", string PayeeAccountNumber = "",
        string Court = "", string? LegalReviewThresholdSource = null, bool HearingThresholdVerified = false, bool LegalReviewThresholdVerified = false,
        bool CourtVerified = false);

    public static async Task SeedAsync(SupervisionDbContext db, string dir, CancellationToken ct)
    {
        if (await db.EnforcementSettings.AnyAsync(ct)) return;
        var provinces = await db.Provinces.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        foreach (var r in SeedFiles.Read<Row>(dir, "enforcement-settings.json"))
        {
            var s = new EnforcementSettings
            {
                ProvinceId = r.Province is null ? null : provinces[r.Province], HearingThreshold = r.HearingThreshold, StatementWorkingDays = r.StatementWorkingDays,
                HearingRequestWorkingDays = r.HearingRequestWorkingDays, HearingNoticeWorkingDays = r.HearingNoticeWorkingDays, DecisionDays = r.DecisionDays,
                ServiceWorkingDays = r.ServiceWorkingDays, PaymentDays = r.PaymentDays, SurchargeRatePerDay = r.SurchargeRatePerDay, LimitationYears = r.LimitationYears,
                ExtendedLimitationYears = r.ExtendedLimitationYears,
                WarnDaysBefore = r.WarnDaysBefore, PaymentInstructions = r.PaymentInstructions, ReviewBody = r.ReviewBody,
                PayeeBank = r.PayeeBank, PayeeAccountName = r.PayeeAccountName, PayeeAccountNumber = r.PayeeAccountNumber, Court = r.Court,
                PublicationWorkingDays = r.PublicationWorkingDays, WithdrawalWorkingDays = r.WithdrawalWorkingDays,
                PublicationMonths = r.PublicationMonths, MaskIndividualNames = r.MaskIndividualNames, LegalReviewThreshold = r.LegalReviewThreshold,
                MaxDecisionExtensionDays = r.MaxDecisionExtensionDays,
                DecisionExtensionSource = r.DecisionExtensionSource ?? throw new Common.DomainException("seed.invalid", "enforcement-settings.json 有误：每行须写明 decisionExtensionSource（决定期限延长上限的依据）。"),
                HearingThresholdSource = r.HearingThresholdSource ?? throw new Common.DomainException("seed.invalid", "enforcement-settings.json 有误：每行须写明 hearingThresholdSource（听证金额标准的依据）。"),
                LegalReviewThresholdSource = r.LegalReviewThresholdSource ?? throw new Common.DomainException("seed.invalid", "enforcement-settings.json 有误：每行须写明 legalReviewThresholdSource（法制审核金额标准的依据）。"),
                HearingThresholdVerified = r.HearingThresholdVerified, LegalReviewThresholdVerified = r.LegalReviewThresholdVerified, CourtVerified = r.CourtVerified,
                ApprovalSteps = Enforcement.ApprovalSteps.Format(r.Approvals ?? []),
            };
            var errors = s.Validate();
            if (errors.Count > 0) throw new Common.DomainException("seed.invalid", $"enforcement-settings.json 有误：{string.Join(" ", errors)}");
            db.EnforcementSettings.Add(s);
        }
        await db.SaveChangesAsync(ct);
    }
}
