using Supervision.Domain.Catalog;
using Supervision.Domain.Common;

namespace Supervision.Tests.Domain.Catalog;

public class LegalBasisTests
{
    private static LegalBasis Order25() => new()
    {
        Code = "ORD25-A06", Statute = "《电话用户真实身份信息登记规定》", DutyArticle = "第六条", PenaltyArticle = "第十九条", Duty = "查验证件",
        AllowedSanctions = [SanctionKind.CorrectiveOrder, SanctionKind.Warning, SanctionKind.Fine, SanctionKind.PublicAnnouncement],
        FineMin = 10_000m, FineMax = 30_000m, EffectiveFrom = new DateOnly(2013, 9, 1),
    };

    [Theory]
    [InlineData("10000")]
    [InlineData("30000")]
    [InlineData("15000.50")]
    public void Fines_inside_the_range_are_accepted(string amount) => Order25().CheckFine(decimal.Parse(amount));

    [Theory]
    [InlineData("9999.99")]
    [InlineData("30000.01")]
    [InlineData("0")]
    public void Fines_outside_the_range_are_rejected_with_the_range_named(string amount)
    {
        var ex = Assert.Throws<DomainException>(() => Order25().CheckFine(decimal.Parse(amount)));
        Assert.Equal("fine.out_of_range", ex.Code);
        Assert.Contains("¥10,000.00至¥30,000.00", ex.Message);
    }

    [Fact]
    public void Fractions_of_a_fen_are_rejected() =>
        Assert.Equal("fine.precision", Assert.Throws<DomainException>(() => Order25().CheckFine(10_000.001m)).Code);

    [Fact]
    public void A_basis_without_fines_refuses_any_fine()
    {
        var basis = Order25();
        basis.AllowedSanctions.Remove(SanctionKind.Fine);
        Assert.Equal("fine.not_allowed", Assert.Throws<DomainException>(() => basis.CheckFine(10_000m)).Code);
    }

    [Fact]
    public void Effective_period_is_inclusive()
    {
        var basis = Order25();
        basis.EffectiveTo = new DateOnly(2025, 12, 31);
        Assert.False(basis.IsEffectiveOn(new DateOnly(2013, 8, 31)));
        Assert.True(basis.IsEffectiveOn(new DateOnly(2013, 9, 1)));
        Assert.True(basis.IsEffectiveOn(new DateOnly(2025, 12, 31)));
        Assert.False(basis.IsEffectiveOn(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Validation_names_each_problem()
    {
        var basis = Order25();
        basis.FineMin = 40_000m;
        basis.EffectiveTo = new DateOnly(2000, 1, 1);
        basis.AllowedSanctions = [];
        var errors = basis.Validate();
        Assert.Contains(errors, e => e.Contains("下限不能高于上限"));
        Assert.Contains(errors, e => e.Contains("失效日期"));
        Assert.Contains(errors, e => e.Contains("至少选择一种"));
        Assert.Empty(Order25().Validate());
    }
}
