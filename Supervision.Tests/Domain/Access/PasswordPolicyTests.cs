using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Access;
using Supervision.Domain.Common;
using Supervision.Domain.Data.Seeding;
using Supervision.Tests.Infrastructure;
using Supervision.Tests.Web.Access;

namespace Supervision.Tests.Domain.Access;

public class PasswordPolicyTests(Portal portal) : IClassFixture<Portal>
{
    private static readonly CommonPasswords Production = CommonPasswords.Load(SeedFiles.DefaultDirectory, [DemoAccounts.Password]);
    private static readonly CommonPasswords Development = CommonPasswords.Load(SeedFiles.DefaultDirectory, []);

    private static async Task<string[]> ErrorsAsync(CommonPasswords list, string userName, string password) =>
        (await new PasswordPolicy(list).ValidateAsync(null!, new AppUser { UserName = userName }, password)).Errors.Select(e => e.Code).ToArray();

    [Theory]
    [InlineData("Password123!")]    // a listed password with digits and a symbol added
    [InlineData("P@ssw0rd2026")]    // letters swapped for look-alikes
    [InlineData("Qwerty#12345")]
    [InlineData("2026#Dragon!!")]   // decoration before and after
    [InlineData("Woaini1314!!")]    // common among Chinese users
    [InlineData("P@ssw0rd123!")]
    [InlineData("Admin2026!")]
    [InlineData("@Dmin2026!!")]     // a look-alike as the first letter
    [InlineData("Adm1n@2026")]
    [InlineData("P@55w0rd#2026")]
    [InlineData("Pa$$w0rd!2026")]
    public async Task Common_passwords_are_refused_however_they_are_dressed(string password) =>
        Assert.Equal(["PasswordTooCommon"], await ErrorsAsync(Production, "someone.else", password));

    [Theory]
    [InlineData("1qaz@WSX3edc$RFV")]  // down the columns, in strokes
    [InlineData("!QAZ2wsx#EDC")]
    [InlineData("1q2w3e4r5T%")]       // zigzag between two rows
    [InlineData("Qwer1234!@#$")]
    [InlineData("Poiuytrewq#2026")]   // backwards, with a year added
    [InlineData("Xcvbnm,./#2026")]
    [InlineData("2026!Asdfghjkl;'")]
    public async Task Keyboard_walks_are_refused(string password) =>
        Assert.Single(await ErrorsAsync(Production, "someone.else", password), code => code is "PasswordKeyboardWalk" or "PasswordTooCommon");

    [Fact]
    public void Unlisted_keyboard_walks_are_named_as_such()
    {
        Assert.True(CommonPasswords.IsKeyboardWalk("1qaz@WSX3edc$RFV"));
        Assert.True(CommonPasswords.IsKeyboardWalk("Qwer1234!@#$"));
        Assert.False(Production.IsCommon("1qaz@WSX3edc$RFV"));
        Assert.False(CommonPasswords.IsKeyboardWalk("Tea-Horse#Road1949"));
        Assert.False(CommonPasswords.IsKeyboardWalk("Kp7#vQ2m!xL9"));
    }

    [Fact]
    public async Task The_list_has_thousands_of_entries_and_ordinary_strong_passwords_pass()
    {
        Assert.True(Production.Count > 3000, $"{Production.Count} entries");
        Assert.Empty(await ErrorsAsync(Production, "zhang.wei", "Str0ng#Passw0rd-2026"));
        Assert.Empty(await ErrorsAsync(Production, "zhang.wei", "宁夏监管#2026Qz"));
        Assert.Empty(await ErrorsAsync(Production, "zhang.wei", "Tea-Horse#Road1949"));
        Assert.Empty(await ErrorsAsync(Production, "zhang.wei", "Kp7#vQ2m!xL9"));
    }

    [Theory]
    [InlineData("inspector.nx", "Inspector.nx#2026")]
    [InlineData("inspector.nx", "MyInspector#2026")]   // a part of the name (4+ letters)
    [InlineData("li.wei", "xLi.Wei#20261")]
    [InlineData("inspector.nx", "1NSPECTOR#2026")]  // upper case, a digit for a letter
    [InlineData("li.wei", "LIWEI#2026ab")]           // the parts joined
    [InlineData("li.wei", "WeiLi#2026!!")]           // and the other way round
    public async Task A_password_holding_the_user_name_is_refused(string userName, string password) =>
        Assert.Contains("PasswordContainsUserName", await ErrorsAsync(Production, userName, password));

    [Fact]
    public async Task The_published_demo_password_is_refused_outside_development_only()
    {
        Assert.Equal(["PasswordPublished"], await ErrorsAsync(Production, "someone", "Demo#2026-Extra"));
        Assert.Empty(await ErrorsAsync(Development, "someone", "Demo#2026-Extra"));
    }

    [Fact]
    public async Task Creating_resetting_and_changing_passwords_apply_the_policy_with_chinese_messages()
    {
        var shortPassword = await Assert.ThrowsAsync<DomainException>(() => Accounts.CreateAsync(portal, "policy.user", "Ab#123456"));
        Assert.Contains("密码至少10位", shortPassword.Message);
        var common = await Assert.ThrowsAsync<DomainException>(() => Accounts.CreateAsync(portal, "policy.user", "Password123!"));
        Assert.Contains("密码过于常见", common.Message);
        var named = await Assert.ThrowsAsync<DomainException>(() => Accounts.CreateAsync(portal, "policy.user", "Policy.User#2026"));
        Assert.Contains("密码不能包含用户名", named.Message);
        var walk = await Assert.ThrowsAsync<DomainException>(() => Accounts.CreateAsync(portal, "policy.user", "1qaz@WSX3edc$RFV"));
        Assert.Contains("键盘上相邻按键", walk.Message);

        var id = await Accounts.CreateAsync(portal, "policy.user", "Good#Choice-2026");
        var reset = await Assert.ThrowsAsync<DomainException>(() => Accounts.AsAdminAsync(portal, u => u.ResetPasswordAsync(id, "Welcome123!!")));
        Assert.Contains("密码过于常见", reset.Message);

        using var scope = portal.ScopeFor(AccessScope.None, "anonymous");
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id))!;
        var account = scope.ServiceProvider.GetRequiredService<AccountService>();
        var change = await Assert.ThrowsAsync<DomainException>(() => account.ChangePasswordAsync(user, "Good#Choice-2026", "Qwerty#12345"));
        Assert.Contains("密码过于常见", change.Message);
        await account.ChangePasswordAsync(user, "Good#Choice-2026", "Better#Choice-2027");
    }
}
