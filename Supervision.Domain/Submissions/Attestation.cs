using Supervision.Domain.Common;

namespace Supervision.Domain.Submissions;

/// <summary>
/// The signatory's (签报人) statement that files a return. Only a carrier user with the 签报人 duty may give it, on the page
/// (a ticked box) or through an API key bound to that user (the form field attestation=true).
/// </summary>
public static class Attestation
{
    public const string Text = "本单位对所报数据的真实性、准确性负责";

    public const string RequiredCode = "submission.attestation_required";
    public const string RequiredMessage = "提交报送须由签报人确认“" + Text + "”。";

    public const string NotSignatoryCode = "submission.not_signatory";

    /// <summary>The refusal for a user who is not (or no longer) a 签报人 of the branch, naming those who can file.</summary>
    public static AccessDeniedException NotSignatory(string who, IReadOnlyList<string> signatories) => new(
        $"{who}不是本单位的签报人，不能提交报送（填报人可以上传草稿）。" +
        (signatories.Count > 0 ? $"本单位签报人：{string.Join("、", signatories)}。" : "本单位尚未指定签报人，请联系本单位企业管理员。"),
        NotSignatoryCode);
}
