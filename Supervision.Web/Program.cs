using Supervision.Domain;
using Supervision.Reports;
using Supervision.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSupervisionDomain(builder.Configuration.SupervisionDatabase(builder.Environment));
builder.Services.AddSupervisionReports(builder.Configuration);
builder.Services.AddSupervisionWeb(builder.Configuration);

var app = builder.Build();

// Migrations, catalogs, demo accounts; a command-line task (e.g. --create-admin) runs and exits here.
if (await app.InitializeAsync(args) is { } exitCode)
    return exitCode;

app.UseSupervision();
await app.RunAsync();
return 0;

public partial class Program;
