using Supervision.Domain.Catalog;
using Supervision.Domain.Enforcement;

namespace Supervision.Tests.Infrastructure;

/// <summary>Sanctions as the seeded Orders 24 and 25 require them in every decision.</summary>
internal static class Lawful
{
    /// <summary>
    /// The 责令限期改正 (due 30 June 2026) that goes with the warning under 《电话用户真实身份信息登记规定》第十九条
    /// ("责令限期改正，予以警告，可以并处…罚款").
    /// </summary>
    public static SanctionInput Correction(int basisId) =>
        new(SanctionKind.CorrectiveOrder, basisId, null, "对违规办理入网的用户重新核验身份", new DateOnly(2026, 6, 30));
}
