using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Supervision.Domain.Audit;

public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenSequence, string Message);

/// <summary>How entries are hashed and how a chain is checked; the same code writes and verifies.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Timestamps are kept to the millisecond in UTC so that every database gives them back identically.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    public static string ComputeHash(AuditEntry e)
    {
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId, e.Changes, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Fills sequence, previous hash and hash, continuing from <paramref name="head"/>.</summary>
    public static void Append(AuditHead head, AuditEntry entry)
    {
        entry.Sequence = head.LastSequence + 1;
        entry.At = Normalize(entry.At);
        entry.PreviousHash = head.LastHash;
        entry.Hash = ComputeHash(entry);
        head.LastSequence = entry.Sequence;
        head.LastHash = entry.Hash;
    }

    /// <summary>Walks entries in sequence order; reports the first entry whose link or content does not hold.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> ordered, AuditHead? head = null)
    {
        var verifier = new ChainVerifier();
        foreach (var e in ordered)
            if (!verifier.Accept(e))
                return verifier.Failure!;
        return verifier.Finish(head);
    }
}

/// <summary>Checks a chain one entry at a time, so a long trail can be read in batches.</summary>
public sealed class ChainVerifier
{
    private string _expectedPrevious = AuditChain.Genesis;
    private long _expectedSequence = 1;
    private long _count;

    public AuditVerification? Failure { get; private set; }

    public bool Accept(AuditEntry e)
    {
        if (e.Sequence != _expectedSequence)
            Failure = new(false, _count, _expectedSequence, $"缺少序号为{_expectedSequence}的记录（下一条为{e.Sequence}），记录可能被删除。");
        else if (e.PreviousHash != _expectedPrevious)
            Failure = new(false, _count, e.Sequence, $"第{e.Sequence}条记录的前序哈希与上一条记录不符，链条在此断开。");
        else if (AuditChain.ComputeHash(e) != e.Hash)
            Failure = new(false, _count, e.Sequence, $"第{e.Sequence}条记录的内容与其哈希不符，记录可能被篡改。");
        if (Failure is not null)
            return false;
        _expectedPrevious = e.Hash;
        _expectedSequence++;
        _count++;
        return true;
    }

    public AuditVerification Finish(AuditHead? head)
    {
        if (Failure is not null) return Failure;
        if (head is not null && (head.LastSequence != _count || head.LastHash != _expectedPrevious))
            return new(false, _count, _count + 1, $"链尾与登记的最新序号{head.LastSequence}不符，末尾记录可能被删除。");
        return new(true, _count, null, $"审计链完整，共校验{_count}条记录。");
    }
}
