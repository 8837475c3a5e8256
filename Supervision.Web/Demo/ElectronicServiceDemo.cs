using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data;
using Supervision.Domain.Organizations;

namespace Supervision.Web.Demo;

/// <summary>
/// Electronic service in the demo (Development only): the 宁夏 administration has a (demo) seal uploaded, so the documents it
/// serves are sealed, and 宁夏移动 (the branch of carrier.cmcc.nx) has signed a 送达地址确认书 agreeing to electronic service — a
/// prior notice or decision can be served through the portal and e-mail and is served when the carrier first opens it.
/// Made through the real services, once; <c>Demo:ElectronicService=false</c> leaves both out (the tests record their own).
/// </summary>
public sealed class ElectronicServiceDemo(IDbContextFactory<SupervisionDbContext> factory, AccessContext access, OrganizationService organizations,
    ServiceAddressService serviceAddresses, IConfiguration configuration, TimeProvider clock)
{
    private const string Province = "64";
    private const string Branch = "CMCC-64";
    private const string CarrierAdmin = "carrier.cmcc.nx";

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        if (!configuration.GetValue("Demo:ElectronicService", true)) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        access.AsSystem("system:demo");
        var province = await db.Provinces.AsNoTracking().SingleOrDefaultAsync(p => p.Code == Province, ct);
        if (province is null) return;
        if (province.SealFileId is null)
            await organizations.SetSealAsync(province.Id, "宁夏回族自治区通信管理局印章（演示）.png", SealPng(480), ct);

        var branch = await db.Branches.AsNoTracking().SingleOrDefaultAsync(b => b.Code == Branch, ct);
        var admin = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == CarrierAdmin, ct);
        if (branch is null || admin is not { CarrierAdmin: true } || await db.ServiceAddressConfirmations.AnyAsync(c => c.BranchId == branch.Id, ct)) return;
        // Recorded by the branch's 企业管理员, as in the portal; signed by its 负责人 today.
        access.Set(AccessScope.ForBranches(branch.ProvinceId, branch.CarrierId, [branch.Id]), CarrierAdmin, admin.Id);
        try
        {
            await serviceAddresses.RecordAsync(branch.Id, new ServiceAddressInput
            {
                PostalAddress = "宁夏回族自治区银川市金凤区宁安大街100号中国移动宁夏公司法律事务部", RecipientName = "马丽", RecipientPhone = "0951-5012345",
                Email = "wenshu@nx.chinamobile.example", ConsentsToElectronicService = true, ResponsiblePerson = branch.LegalRepresentative ?? "王强",
                SignedOn = BeijingTime.Today(clock), Attested = true,
            }, ct);
        }
        finally { access.AsSystem("system:demo"); }
    }

    /// <summary>
    /// A stand-in seal for the demo: a red double ring with a five-pointed star on a transparent background (RGBA PNG), square and
    /// within the sizes <see cref="SealImage.Check"/> accepts.
    /// </summary>
    public static byte[] SealPng(int size)
    {
        var pixels = new byte[size * (size * 4 + 1)];
        var c = (size - 1) / 2.0;
        var r = c;
        // The star's ten corners, the first pointing up.
        var star = Enumerable.Range(0, 10).Select(i =>
        {
            var angle = -Math.PI / 2 + i * Math.PI / 5;
            var radius = (i % 2 == 0 ? 0.34 : 0.13) * r;
            return (X: c + radius * Math.Cos(angle), Y: c + radius * Math.Sin(angle));
        }).ToArray();
        for (var y = 0; y < size; y++)
        {
            var row = y * (size * 4 + 1);
            for (var x = 0; x < size; x++)
            {
                var d = Math.Sqrt((x - c) * (x - c) + (y - c) * (y - c)) / r;
                var red = d is <= 1.0 and >= 0.93 || d is <= 0.89 and >= 0.875 || Inside(star, x, y);
                var p = row + 1 + x * 4;
                (pixels[p], pixels[p + 1], pixels[p + 2], pixels[p + 3]) = ((byte)214, (byte)24, (byte)32, (byte)(red ? 225 : 0));
            }
        }
        return Png.Encode(size, size, alpha: true, pixels);
    }

    /// <summary>Even-odd test of a point against a polygon.</summary>
    private static bool Inside((double X, double Y)[] polygon, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            var (a, b) = (polygon[i], polygon[j]);
            if (a.Y > y != b.Y > y && x < (b.X - a.X) * (y - a.Y) / (b.Y - a.Y) + a.X) inside = !inside;
        }
        return inside;
    }
}
