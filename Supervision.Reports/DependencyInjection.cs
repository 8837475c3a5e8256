using Microsoft.Extensions.DependencyInjection;

namespace Supervision.Reports;

public static class DependencyInjection
{
    /// <summary>File formats: workbooks and, as features arrive, documents.</summary>
    public static IServiceCollection AddSupervisionReports(this IServiceCollection services) => services;
}
