using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Notifications;
using Supervision.Domain.Organizations;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Domain.Notifications;

public class ContactDetailsTests(Portal portal) : IClassFixture<Portal>
{
    private static AccessScope Admin => AccessScope.System with { Role = UserRole.SystemAdmin };

    [Theory]
    [InlineData(" zhang.san@example.com ", "zhang.san@example.com")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void An_email_address_is_trimmed_or_empty(string? input, string? expected) => Assert.Equal(expected, Contact.Email(input));

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("zhang@")]
    [InlineData("a b@example.com")]
    public void A_malformed_email_address_is_refused_in_chinese(string input) =>
        Assert.Equal("contact.email_invalid", Assert.Throws<DomainException>(() => Contact.Email(input)).Code);

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    public void A_mobile_number_is_normalised(string input, string expected) => Assert.Equal(expected, Contact.Mobile(input));

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("0951-6012345")]
    public void A_number_that_is_no_mainland_mobile_is_refused(string input) =>
        Assert.Equal("contact.mobile_invalid", Assert.Throws<DomainException>(() => Contact.Mobile(input)).Code);

    [Fact]
    public void Lists_show_masked_contact_details()
    {
        Assert.Equal("z***@example.com", Contact.MaskEmail("zhangsan@example.com"));
        Assert.Equal("138****8000", Contact.MaskMobile("13800138000"));
        Assert.Equal("", Contact.MaskMobile(null));
    }

    [Fact]
    public async Task An_administrator_sets_a_users_contact_and_the_list_and_audit_trail_show_it_masked()
    {
        using var scope = portal.ScopeFor(Admin, "admin");
        var users = scope.Get<UserAdministration>();
        var id = await portal.Db().Users.Where(u => u.UserName == "inspector.nx").Select(u => u.Id).SingleAsync();
        var input = await users.GetAsync(id);
        input.Email = "wang.wu@example.com";
        input.Mobile = "13912345678";
        await users.UpdateAsync(id, input);

        var row = (await users.ListAsync(new PageRequest(Search: "inspector.nx"))).Items.Single(r => r.Id == id);
        Assert.Equal(("w***@example.com", "139****5678"), (row.Email, row.Mobile));
        await using var db = portal.Db();
        var changes = await db.AuditEntries.Where(e => e.EntityType == nameof(AppUser) && e.EntityId == id).OrderByDescending(e => e.Sequence).Select(e => e.Changes).FirstAsync();
        Assert.Contains("139****5678", changes);
        Assert.DoesNotContain("13912345678", changes);
        Assert.DoesNotContain("wang.wu@example.com", changes);

        input.Mobile = "1391234567";
        Assert.Equal("contact.mobile_invalid", (await Assert.ThrowsAsync<DomainException>(() => users.UpdateAsync(id, input))).Code);
    }

    [Fact]
    public async Task A_user_must_give_an_address_before_choosing_email_and_loses_the_choice_with_the_address()
    {
        using var me = await portal.AsUserAsync("leader.nx");
        var notifications = me.Get<NotificationService>();
        await notifications.SetMyContactAsync(null, null);
        Assert.Equal("preference.no_email", (await Assert.ThrowsAsync<DomainException>(() => notifications.SetMyPreferenceAsync("approval", DeliveryChannel.Email))).Code);
        Assert.Equal("preference.no_mobile", (await Assert.ThrowsAsync<DomainException>(() => notifications.SetMyPreferenceAsync("approval", DeliveryChannel.Sms))).Code);

        await notifications.SetMyContactAsync("li.si@example.com", "13700137000");
        await notifications.SetMyPreferenceAsync("approval", DeliveryChannel.Digest);
        Assert.Equal(DeliveryChannel.Digest, (await notifications.MyPreferencesAsync()).Single(p => p.Kind.Code == "approval").Channel);
        Assert.Equal(("li.si@example.com", "13700137000"), await notifications.MyContactAsync());

        await notifications.SetMyContactAsync("", "13700137000");
        Assert.Equal(DeliveryChannel.Portal, (await notifications.MyPreferencesAsync()).Single(p => p.Kind.Code == "approval").Channel);
    }

    [Fact]
    public async Task A_branch_has_a_compliance_contact_validated_like_a_users()
    {
        using var scope = portal.ScopeFor(Admin, "admin");
        var organizations = scope.Get<OrganizationService>();
        var branch = await portal.Db().Branches.SingleAsync(b => b.Code == "CUCC-64");
        await organizations.SetComplianceContactAsync(branch.Id, "赵六", "zhao.liu@example.com", "13600136000");
        var saved = await portal.Db().Branches.SingleAsync(b => b.Id == branch.Id);
        Assert.Equal(("赵六", "zhao.liu@example.com", "13600136000"), (saved.ComplianceContact, saved.ComplianceEmail, saved.ComplianceMobile));
        Assert.Equal("contact.email_invalid",
            (await Assert.ThrowsAsync<DomainException>(() => organizations.SetComplianceContactAsync(branch.Id, "赵六", "zhao.liu", null))).Code);
        using var carrier = await portal.AsUserAsync("carrier.cucc.nx");
        await Assert.ThrowsAsync<AccessDeniedException>(() => carrier.Get<OrganizationService>().SetComplianceContactAsync(branch.Id, "x", null, null));
    }
}
