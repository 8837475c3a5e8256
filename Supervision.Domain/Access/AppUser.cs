using Microsoft.AspNetCore.Identity;
using Supervision.Domain.Common;
using Supervision.Domain.Organizations;

namespace Supervision.Domain.Access;

/// <summary>
/// A person who signs in. One role and one scope: an Inspector or Leader belongs to one province,
/// a CarrierUser to one branch of one carrier in one province.
/// </summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public UserRole Role { get; set; }
    public int? ProvinceId { get; set; }
    public Province? Province { get; set; }
    public int? BranchId { get; set; }
    public Branch? Branch { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Designated by an administrator to do 法制审核 (行政处罚法第五十八条) for the cases of the user's province; only an
    /// inspector of a province can be (never for a case the user investigates).
    /// </summary>
    public bool LegalReviewer { get; private set; }

    public void DesignateLegalReviewer(bool designated)
    {
        if (designated && Role != UserRole.Inspector)
            throw new DomainException("user.legal_reviewer_role", "只有本省检查人员可以被指定为法制审核人员。");
        LegalReviewer = designated;
    }

    /// <summary>
    /// 行政执法证号 of an officer of the administration: the documents an officer serves name the officers with it (执法人员不得少于两人,
    /// 行政处罚法第四十二条; the certificate is shown at an inspection, 第五十五条).
    /// </summary>
    public string? EnforcementCertificate { get; private set; }

    public void SetEnforcementCertificate(string? number)
    {
        var value = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
        if (value is not null && Role is not (UserRole.Inspector or UserRole.Leader))
            throw new DomainException("user.certificate_role", "只有本省执法人员（检查人员、局领导）可以登记行政执法证号。");
        if (value is { Length: > 50 }) throw new DomainException("user.certificate_length", "行政执法证号不超过50个字符。");
        EnforcementCertificate = value;
    }

    /// <summary>
    /// The user's identity at the administration's identity provider (统一身份认证账号): the value of the configured claim
    /// (e.g. preferred_username or an employee number) that single sign-on matches to this user; null: no single sign-on.
    /// </summary>
    public string? ExternalId { get; private set; }

    public void SetExternalId(string? value)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is { Length: > 200 }) throw new DomainException("user.external_id_length", "统一身份认证账号不超过200个字符。");
        ExternalId = v;
    }

    /// <summary>企业管理员: manages the accounts of the users of the branch (and its sub-branches).</summary>
    public bool CarrierAdmin { get; private set; }
    /// <summary>填报人: prepares the branch's returns (uploads drafts).</summary>
    public bool Preparer { get; private set; }
    /// <summary>签报人: files the branch's returns, attesting to them.</summary>
    public bool Signatory { get; private set; }

    /// <summary>The duties of a carrier's user; only a carrier user has any.</summary>
    public void AssignDuties(CarrierDuties duties)
    {
        if (Role != UserRole.CarrierUser && duties != CarrierDuties.None)
            throw new DomainException("user.duties_role", "企业管理员、填报人、签报人只能指定给企业用户。");
        (CarrierAdmin, Preparer, Signatory) = (duties.Admin, duties.Preparer, duties.Signatory);
    }

    public CarrierDuties Duties => new(CarrierAdmin, Preparer, Signatory);

    /// <summary>Checks that the scope fits the role; called on every create and change.</summary>
    public void AssignRole(UserRole role, int? provinceId, Branch? branch)
    {
        if (Roles.NeedsBranch(role))
        {
            if (branch is null)
                throw new DomainException("user.branch_required", "企业用户必须指定所属企业分支机构。");
            provinceId = branch.ProvinceId;
        }
        else
        {
            branch = null;
        }

        if (Roles.NeedsProvince(role) && provinceId is null)
            throw new DomainException("user.province_required", $"{Roles.Label(role)}必须指定所属省份。");
        if (role is UserRole.MinistryViewer)
            provinceId = null;

        Role = role;
        ProvinceId = provinceId;
        if (role != UserRole.Inspector) LegalReviewer = false;
        if (role != UserRole.CarrierUser) (CarrierAdmin, Preparer, Signatory) = (false, false, false);
        // Only the key: the branch may come from another context and must not be attached here.
        BranchId = branch?.Id;
    }

    /// <summary>E-mail address and mobile number, already checked (<see cref="Notifications.Contact"/>); a changed address is unconfirmed.</summary>
    public void SetContact(string? email, string? mobile)
    {
        if (!string.Equals(Email, email, StringComparison.OrdinalIgnoreCase)) EmailConfirmed = false;
        if (PhoneNumber != mobile) PhoneNumberConfirmed = false;
        Email = email;
        NormalizedEmail = email?.ToUpperInvariant();
        PhoneNumber = mobile;
    }

    public bool IsLocked(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

/// <summary>What a carrier's user does for the branch: 企业管理员, 填报人, 签报人 (any of them).</summary>
public sealed record CarrierDuties(bool Admin, bool Preparer, bool Signatory)
{
    public static readonly CarrierDuties None = new(false, false, false);

    /// <summary>The duties in Chinese, 、-separated; "无" when none.</summary>
    public string Label => string.Join("、", new[] { Admin ? "企业管理员" : null, Preparer ? "填报人" : null, Signatory ? "签报人" : null }.OfType<string>()) is { Length: > 0 } s ? s : "无";
}
