using Supervision.Domain.Common;
using Supervision.Domain.Files;
using Supervision.Domain.Organizations;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>Versions of one return (宁夏移动, RN-MONTHLY, 2026-10) built through their own steps, for tests that need one in a given state.</summary>
internal static class Versions
{
    public static readonly Branch Branch = new() { Id = 5, ProvinceId = 64, Code = "CMCC-64", Name = "中国移动通信集团宁夏有限公司", ShortName = "宁夏移动" };
    public static readonly DateOnly DueDate = new(2026, 11, 10);
    private static readonly DateTimeOffset At = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A new upload after <paramref name="latest"/>: a draft.</summary>
    public static Submission Upload(Submission? latest = null, int rows = 10) =>
        Submission.NewVersion(Branch, 1, "RN-MONTHLY", "2026-10", latest, DueDate, new StoredFile { FileName = "a.xlsx", Sha256 = new string('a', 64) }, null, rows,
            [], "web", null, "carrier.cmcc.nx", At);

    /// <summary>The second version of the return in <paramref name="status"/>, the first having been returned (or, for Superseded, replaced as a draft by a third).</summary>
    public static Submission Second(SubmissionStatus status, int rows = 10)
    {
        var first = Upload();
        Filed(first).Return("inspector.nx", At, "汇总表数据有误，请核对后重新报送。");
        var second = Upload(first, rows);
        switch (status)
        {
            case SubmissionStatus.Submitted: Filed(second); break;
            case SubmissionStatus.Accepted: Filed(second).Accept("inspector.nx", At, null); break;
            case SubmissionStatus.Returned: Filed(second).Return("inspector.nx", At, "网点明细不完整，请补全后重新报送。"); break;
            case SubmissionStatus.Superseded: Upload(second); break;
        }
        return second;
    }

    private static Submission Filed(Submission s)
    {
        s.Submit("carrier.cmcc.nx", "carrier.cmcc.nx", At, BeijingTime.Today(At));
        return s;
    }
}
