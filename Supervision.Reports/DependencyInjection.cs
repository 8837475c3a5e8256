using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Documents;
using Supervision.Domain.Submissions;
using Supervision.Reports.Documents;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports;

public static class DependencyInjection
{
    /// <summary>
    /// File formats: how returns are read (limits from "Uploads:MaxFileMegabytes", default 30) and how documents are
    /// rendered — what Domain asks for through <see cref="IReturnReader"/> and <see cref="IDocumentRenderer"/>.
    /// </summary>
    public static IServiceCollection AddSupervisionReports(this IServiceCollection services, IConfiguration config)
    {
        var megabytes = config.GetValue("Uploads:MaxFileMegabytes", 30);
        services.AddSingleton(new SpreadsheetLimits(MaxFileBytes: megabytes * 1024L * 1024L));
        services.AddSingleton<IReturnReader, ReturnReader>();
        services.AddSingleton<IReturnWorkbookWriter, TemplateWorkbookWriter>();
        services.AddSingleton<IDocumentRenderer, DocumentRenderer>();
        services.AddSingleton<Domain.Rankings.IWorkbookCells, Rankings.WorkbookCells>();
        return services;
    }
}
