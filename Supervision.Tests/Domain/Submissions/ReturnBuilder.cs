using Supervision.Domain.Data.Seeding;
using Supervision.Domain.Submissions;

namespace Supervision.Tests.Domain.Submissions;

/// <summary>Builds parsed returns by hand (as the reader would produce them) from the seeded template definitions.</summary>
public static class ReturnBuilder
{
    public static TemplateDefinition Template(string file) =>
        TemplateDefinition.FromJson(File.ReadAllText(Path.Combine(SeedFiles.DefaultDirectory, "templates", file)));

    public static readonly TemplateDefinition RnMonthly = Template("rn-monthly.json");
    public static readonly TemplateDefinition LogQuarterly = Template("log-quarterly.json");
    public static readonly TemplateDefinition SelfAnnual = Template("self-annual.json");

    public static readonly string[] NingxiaCities = ["640100", "640200", "640300", "640400", "640500"];
    public static readonly string[] Channels = ["自有营业厅", "合作营业厅", "专营店", "特约代理点", "末梢渠道", "线上渠道"];

    public static ValidationContext Context(string period = "2026-10", string branch = "CMCC-64", Frequency frequency = Frequency.Monthly) =>
        new(ReportingPeriod.Parse(period, frequency), branch, NingxiaCities.ToHashSet(), NingxiaCities.ToHashSet(),
            new Dictionary<string, IReadOnlyList<string>> { ["RnChecklist"] = ["RN-01", "RN-02"] });

    /// <summary>A valid RN-MONTHLY: every city × channel, each with two outlets whose totals add up.</summary>
    public static ParsedReturn ValidRnMonthly(string period = "2026-10", string branch = "CMCC-64")
    {
        var parsed = new ParsedReturn(RnMonthly);
        var summary = Sheet(parsed, "汇总", period, branch);
        var outlets = Sheet(parsed, "网点明细", period, branch);
        var row = 4;
        var outletRow = 4;
        foreach (var city in NingxiaCities)
        foreach (var channel in Channels)
        {
            // Subscribers 1000 = 1000 registered + 0 legacy (the 100 % target); 40 new = 40 by reader, 0 manual, none over the limit.
            summary.Rows.Add(new ParsedRow(row++, [city, channel, 1000L, 1000L, 0L, 5L, 3L, 40L, 40L, 0L, 0L, 2L, 1L]));
            outlets.Rows.Add(new ParsedRow(outletRow++, [$"{city}-{channel}-1", "网点一", city, channel, 25L, 25L, 0L, 0L]));
            outlets.Rows.Add(new ParsedRow(outletRow++, [$"{city}-{channel}-2", "网点二", city, channel, 15L, 15L, 0L, 1L]));
        }
        return parsed;
    }

    public static ParsedSheet Sheet(ParsedReturn parsed, string name, string period, string branch)
    {
        var def = parsed.Template.Sheet(name);
        var sheet = new ParsedSheet(def) { ExcelColumns = Enumerable.Range(0, def.Columns.Count).ToArray(), Period = period, BranchCode = branch };
        parsed.Sheets[name] = sheet;
        return sheet;
    }

    public static object?[] Values(ParsedReturn parsed, string sheet, int index) => parsed.Sheets[sheet].Rows[index].Values;

    public static int Col(ParsedReturn parsed, string sheet, string field) => parsed.Sheets[sheet].Definition.ColumnIndex(field);
}
