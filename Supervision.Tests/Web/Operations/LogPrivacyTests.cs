using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Supervision.Domain.Access;
using Supervision.Tests.Infrastructure;

namespace Supervision.Tests.Web.Operations;

/// <summary>
/// With every category logging at Trace, a run through sign-ins, API keys, a user with a password and uploads full of
/// personal data leaves no password, key, ID number or phone number in any log message, scope or exception.
/// </summary>
public partial class LogPrivacyTests(Portal portal) : IClassFixture<Portal>
{
    private const string IdNumber = "64010219850612301X";
    private const string Phone = "13909512345";
    private const string WrongPassword = "Wr0ng#Guess-7731";
    private const string NewPassword = "Fresh#Passw0rd-2026";
    private const string Key = "spk_demoCMCC64_NingxiaMobile_2026";
    private const string WrongKey = "spk_demoCMCC64_NotTheSecretAtAll_99";

    [Fact]
    public async Task Nothing_personal_or_secret_reaches_the_logs()
    {
        var sink = new CaptureProvider();
        await using var factory = portal.Factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.AddProvider(sink);
            l.AddFilter<CaptureProvider>(null, LogLevel.Trace);
        }));
        HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(Client(), "inspector.nx", "Demo#2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(Client(), "inspector.nx", WrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.SignInAsync(Client(), $"{IdNumber}", WrongPassword)).StatusCode);

        int ningxia;
        await using (var db = portal.Db()) ningxia = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Provinces, p => p.Code == "64")).Id;
        using (var scope = factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessContext>().Set(AccessScope.System with { Role = UserRole.SystemAdmin }, "admin");
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(new UserInput
            {
                UserName = "privacy.check", DisplayName = $"张三 {Phone}", Role = UserRole.Inspector, ProvinceId = ningxia, Password = NewPassword,
            });
        }
        Assert.Equal(HttpStatusCode.Redirect, (await Portal.SignInAsync(Client(), "privacy.check", NewPassword)).StatusCode);

        foreach (var key in new[] { Key, WrongKey })
        {
            var api = Client();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await api.GetAsync("/api/v1/templates/RN-MONTHLY?period=2026-09");
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes($"城市代码,渠道类型,网点名称,负责人身份证,联系电话\n640100,自有营业厅,{IdNumber},{IdNumber},{Phone}\n")), "file", $"{Phone}.csv" },
                { new StringContent("LOG-QUARTERLY"), "template" },
                { new StringContent("2026-Q3"), "period" },
            };
            await api.PostAsync("/api/v1/submissions", form);
        }

        var text = sink.Text();
        Assert.True(text.Length > 1000, "the capture should have seen the run's logs");
        foreach (var secret in new[] { "Demo#2026", WrongPassword, NewPassword, Key, WrongKey, "NingxiaMobile_2026", IdNumber, Phone })
            Assert.DoesNotContain(secret, text);
        Assert.DoesNotMatch(IdPattern(), text);
        Assert.DoesNotMatch(MobilePattern(), text);
    }

    [Theory]
    [InlineData("user 张三 phone=13909512345 logged in", true)]
    [InlineData("证件 64010219850612301X 已核验", true)]
    [InlineData("TraceId=00-4bf92f3577b34da6a3ce2e081bae17091136589e1057-00f067aa0ba902b7-01", false)]
    [InlineData("SpanId=a17091136589 RequestId=0HN8:13909512345x", false)]
    public void The_log_check_finds_numbers_but_not_digits_inside_hex_ids(string line, bool personal) =>
        Assert.Equal(personal, IdPattern().IsMatch(line) || MobilePattern().IsMatch(line));

    // A number standing on its own, as it would in a message: not a run of digits inside a hex trace or span id
    // (a random "…2e081bae17091136589e1057" holds eleven digits that look like a mobile number).
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")]
    private static partial Regex MobilePattern();

    /// <summary>Keeps every message, its structured values, its scopes and its exception as text.</summary>
    private sealed class CaptureProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public string Text() => string.Join("\n", _lines);
        public ILogger CreateLogger(string category) => new Logger(this, category);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CaptureProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var sb = new StringBuilder($"{category} {logLevel} {formatter(state, exception)}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (k, v) in values) sb.Append($" {k}={v}");
                owner._scopes.ForEachScope((scope, b) => b.Append($" [{scope}]"), sb);
                if (exception is not null) sb.Append(' ').Append(exception);
                owner._lines.Enqueue(sb.ToString());
            }
        }
    }
}
