using Supervision.Domain.Common;
using Supervision.Domain.Submissions;
using static Supervision.Tests.Domain.Common.Offered;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>What a version of a return offers the carrier and the regulator in each status, with the reasons of steps not possible yet.</summary>
public class SubmissionActionsTests
{
    [Theory]
    [InlineData(SubmissionStatus.Draft, "submit upload", "(accept) (return) (flag-to-finding)")]
    [InlineData(SubmissionStatus.Submitted, "(upload)", "accept return flag-to-finding")]
    [InlineData(SubmissionStatus.Accepted, "(upload)", "flag-to-finding")]
    [InlineData(SubmissionStatus.Returned, "upload", "flag-to-finding")]
    [InlineData(SubmissionStatus.Superseded, "upload", "")]
    public void Each_status_offers_the_carrier_and_the_regulator_their_own_steps_and_the_observer_none(SubmissionStatus status, string party, string officer)
    {
        var version = Versions.Second(status);
        // A superseded draft was followed by a newer draft: that one is the latest of the return.
        var latest = status == SubmissionStatus.Superseded ? SubmissionStatus.Draft : status;
        Assert.Equal(status, version.Status);
        Assert.Equal(party, Keys(version.ActionsFor(Acting.Party, latest)));
        Assert.Equal(officer, Keys(version.ActionsFor(Acting.Officer, latest)));
        Assert.Empty(version.ActionsFor(Acting.Observer, latest));
    }

    [Fact]
    public void An_older_version_offers_an_upload_as_the_latest_version_allows()
    {
        var returned = Versions.Second(SubmissionStatus.Returned);
        Assert.Equal("upload", Keys(returned.ActionsFor(Acting.Party, SubmissionStatus.Returned)));
        Assert.Equal("(upload)", Keys(returned.ActionsFor(Acting.Party, SubmissionStatus.Submitted))); // version 3 is under review
        Assert.Equal("修改后重新上传", returned.ActionsFor(Acting.Party, SubmissionStatus.Returned).Single().Label);
    }

    [Fact]
    public void A_step_not_possible_yet_gives_the_reason_the_step_itself_gives()
    {
        var submitted = Versions.Second(SubmissionStatus.Submitted);
        var reason = NotYet(submitted.ActionsFor(Acting.Party, SubmissionStatus.Submitted), SubmissionActions.Upload);
        Assert.Equal("本期报表已报送、正在审核，不能再上传。如需更正，请联系监管人员将报表退回后重新报送。", reason);
        var refused = Assert.Throws<DomainException>(() => Versions.Upload(submitted));
        Assert.Equal(("submission.locked", reason), (refused.Code, refused.Message));
        var accepted = Versions.Second(SubmissionStatus.Accepted);
        Assert.Equal(Assert.Throws<DomainException>(() => Versions.Upload(accepted)).Message,
            NotYet(accepted.ActionsFor(Acting.Party, SubmissionStatus.Accepted), SubmissionActions.Upload));

        var draft = Versions.Second(SubmissionStatus.Draft);
        var officer = draft.ActionsFor(Acting.Officer, SubmissionStatus.Draft);
        Assert.Equal("只能审核“已报送”的报表，当前状态为“草稿”。", NotYet(officer, SubmissionActions.Accept));
        Assert.Equal(NotYet(officer, SubmissionActions.Accept), Assert.Throws<DomainException>(() => draft.Accept("inspector.nx", DateTimeOffset.UnixEpoch, null)).Message);
        Assert.Equal(NotYet(officer, SubmissionActions.Return), Assert.Throws<DomainException>(() => draft.Return("inspector.nx", DateTimeOffset.UnixEpoch, "数据有误请核对")).Message);
        Assert.Equal(draft.CannotMakeFindings()!.Message, NotYet(officer, SubmissionActions.FlagToFinding));
        Assert.Null(submitted.CannotMakeFindings());
    }

    [Fact]
    public void A_new_version_follows_the_latest_and_replaces_a_draft_never_filed()
    {
        var first = Versions.Upload();
        Assert.Equal((1, SubmissionStatus.Draft, null), (first.Version, first.Status, first.ReceiptNo));
        var second = Versions.Upload(first);
        Assert.Equal((2, SubmissionStatus.Draft, SubmissionStatus.Superseded), (second.Version, second.Status, first.Status));
        second.Submit("carrier.cmcc.nx", "carrier.cmcc.nx", new DateTimeOffset(2026, 11, 12, 10, 0, 0, TimeSpan.FromHours(8)), new DateOnly(2026, 11, 12));
        Assert.Equal((null, true), (second.ReceiptNo, second.Late)); // filed after the due day, 10 November; numbered by its receipt
        second.Receipted("8K8CTWAMCSBB");
        Assert.Equal("8K8C-TWAM-CSBB", second.ReceiptNo);
    }
}
