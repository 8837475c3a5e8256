using Supervision.Domain;
using Supervision.Reports;
using Supervision.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Resolve(args) });

var database = builder.Configuration.SupervisionDatabase(builder.Environment);
builder.Services.AddSupervisionDomain(database, builder.Configuration);
builder.Services.AddSupervisionReports(builder.Configuration);
builder.Services.AddSupervisionWeb(builder.Configuration, database);

var app = builder.Build();

// Migrations, catalogs, demo accounts; a command-line task (e.g. --create-admin) runs and exits here.
if (await app.InitializeAsync(args) is { } exitCode)
    return exitCode;

app.UseSupervision();
await app.RunAsync();
return 0;

public partial class Program;
