using System.Text.Json;

namespace JourneyTriggers.Tests.Support;

/// <summary>
/// A real SMTP server for the tests: maildev (pinned in tests/servers), on free local ports, with its
/// REST API to read what it received. Not installed is a failure, never a skip.
/// </summary>
internal sealed class MailDev : IAsyncDisposable
{
    readonly NodeServer server;
    readonly DirectoryInfo mails;
    readonly HttpClient http = new();

    MailDev(NodeServer server, DirectoryInfo mails, int smtpPort, int webPort)
    {
        this.server = server;
        this.mails = mails;
        SmtpPort = smtpPort;
        http.BaseAddress = new Uri($"http://127.0.0.1:{webPort}/");
    }

    public int SmtpPort { get; }

    /// <summary>Starts maildev; <paramref name="arguments"/> are added to its command line (e.g. to require authentication).</summary>
    public static async Task<MailDev> StartAsync(params string[] arguments)
    {
        var mails = Directory.CreateTempSubdirectory("jt-maildev-");
        try
        {
            var server = await NodeServer.StartAsync("maildev", "tests/servers/node_modules/maildev/bin/maildev", 2, ports =>
                ["--smtp", $"{ports[0]}", "--web", $"{ports[1]}", "--ip", "127.0.0.1", "--mail-directory", mails.FullName, .. arguments],
                RepositoryFiles.Root);
            return new MailDev(server, mails, server.Ports[0], server.Ports[1]);
        }
        catch
        {
            mails.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Every email received, as maildev's <c>GET /email</c> gives them.</summary>
    public async Task<JsonElement[]> EmailsAsync()
    {
        using var response = await http.GetAsync("email");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        http.Dispose();
        mails.Delete(recursive: true);
    }
}
