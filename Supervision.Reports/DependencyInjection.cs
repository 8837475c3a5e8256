using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Supervision.Domain.Data;
using Supervision.Domain.Inspections;
using Supervision.Reports.Inspections;
using Supervision.Reports.Submissions;
using Supervision.Reports.Submissions.Io;

namespace Supervision.Reports;

public static class DependencyInjection
{
    /// <summary>File formats: return import (limits from "Uploads:MaxFileMegabytes", default 30), evidence uploads ("Uploads:EvidenceMaxMegabytes", default 10), imports at once (<see cref="ImportGate"/>), workbooks, documents.</summary>
    public static IServiceCollection AddSupervisionReports(this IServiceCollection services, IConfiguration config)
    {
        var megabytes = config.GetValue("Uploads:MaxFileMegabytes", 30);
        services.AddSingleton(new SpreadsheetLimits(MaxFileBytes: megabytes * 1024L * 1024L));
        services.AddSingleton(sp => new ImportGate(config.GetValue("Imports:MaxConcurrent", ImportGate.DefaultConcurrency(sp.GetRequiredService<DatabaseSettings>().Provider)),
            TimeSpan.FromSeconds(config.GetValue("Imports:QueueSeconds", 30))));
        services.AddScoped<ReturnImporter>();
        services.AddScoped<ReceiptIssuer>();
        var evidenceMegabytes = config.GetValue("Uploads:EvidenceMaxMegabytes", 10);
        services.AddSingleton(new EvidenceLimits(evidenceMegabytes * 1024L * 1024L));
        services.AddScoped<InspectionDocumentIssuer>();
        services.AddScoped<InspectionDemo>();
        services.AddScoped<Enforcement.CaseDocuments>();
        services.AddScoped<Enforcement.EnforcementDemo>();
        services.AddScoped<Publicity.AnnouncementIssuer>();
        services.AddScoped<Publicity.PublicAnnouncementPdf>();
        return services;
    }
}
