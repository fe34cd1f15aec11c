using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Functions.Hosting;
using JourneyTriggers.Functions.Standalone;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using JourneyTriggers.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// What a person meets on starting the service: keys made at the first start and reused after, a banner
/// with a curl that works as pasted, a clear refusal when an adapter or the key file is missing or broken,
/// and logs that never carry keys, tokens or personal data.
/// </summary>
public sealed partial class StartupTests
{
    [GeneratedRegex(@"^  (?<command>T=\$\(date .*; curl -i -X POST .* -H 'Authorization: Bearer (?<key>[^']+)'.* -d '.+')$", RegexOptions.Multiline)]
    private static partial Regex PastedCurl();

    [GeneratedRegex(@"curl .* -H (?<header>""Authorization: Bearer \$\(.+?\)"") -H")]
    private static partial Regex LaterStartHeader();

    [GeneratedRegex(@"Dashboard \(what the reminders earned\): http://localhost:7071(?<path>/dashboard\?key=\S+)")]
    private static partial Regex DashboardLink();

    /// <summary>What <c>sh</c> prints for <paramref name="command"/>, as a person pasting it into a POSIX shell would see.</summary>
    static async Task<string> ShellAsync(string command)
    {
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        var error = await shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();
        Assert.True(shell.ExitCode == 0 && error.Length == 0, $"sh -c {command}: exit {shell.ExitCode}, {error}");
        return output;
    }

    [Fact]
    public async Task The_first_start_generates_private_keys_and_prints_a_curl_that_works_as_pasted()
    {
        using var service = new ServiceFactory(withKeys: false);
        var client = service.CreateClient();

        var path = Path.Combine(service.DataDirectory, AccessKeyFile.FileName);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var keys = JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement;
        var ingestionKey = keys.GetProperty("ingestionKeys")[0].GetString()!;
        var adminKey = keys.GetProperty("adminKey").GetString()!;
        Assert.True(ingestionKey.Length >= 40 && adminKey.Length >= 40, "256-bit keys");
        Assert.NotEqual(ingestionKey, adminKey);

        var banner = service.Banner.ToString();
        Assert.Contains("listening on http://localhost:7071", banner);
        Assert.Contains(path, banner);
        Assert.Contains(ingestionKey, banner);
        Assert.Contains(adminKey, banner);
        var curl = PastedCurl().Match(banner);
        Assert.True(curl.Success, banner);
        Assert.Equal(ingestionKey, curl.Groups["key"].Value);
        Assert.Contains("curl -i -X POST http://localhost:7071/api/events", banner);

        // What the shell makes of the pasted line: curl hands over its last argument, the body, and date answers the
        // service's own clock (a real one lies days after the test's).
        var body = (await ShellAsync("date() { printf '%s' 2026-11-22T12:00:00Z; }; curl() { for a; do last=$a; done; printf '%s' \"$last\"; }; "
            + curl.Groups["command"].Value)).Trim();
        Assert.Contains("\"id\":\"evt-welcome-2026-11-22T12:00:00Z-3\"", body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", curl.Groups["key"].Value);
        var response = await client.PostAsync("/api/events", Json.Body(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await Json.ReadAsync(response)).GetProperty("accepted").GetInt32());
        var customer = await Json.ReadAsync(await service.WithBearer(adminKey).GetAsync("/api/customers/c-welcome"));
        Assert.Equal("welcome@example.com", customer.GetProperty("profile").GetProperty("email").GetString());
        Assert.DoesNotContain(service.Logs.Lines, line => line.Contains(ingestionKey, StringComparison.Ordinal) || line.Contains(adminKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_later_start_reuses_the_keys_and_does_not_print_them()
    {
        var data = Directory.CreateTempSubdirectory("jt-keys-").FullName;
        try
        {
            string first;
            using (var service = new ServiceFactory(withKeys: false, dataDirectory: data))
            {
                service.CreateClient();
                first = await File.ReadAllTextAsync(Path.Combine(data, AccessKeyFile.FileName));
            }
            var ingestionKey = JsonDocument.Parse(first).RootElement.GetProperty("ingestionKeys")[0].GetString()!;

            using var again = new ServiceFactory(withKeys: false, dataDirectory: data);
            var response = await again.WithBearer(ingestionKey).PostAsync("/api/events", Json.Body(Json.CartAdd("k-1", "c-keys")));

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(data, AccessKeyFile.FileName)));
            var banner = again.Banner.ToString();
            Assert.DoesNotContain(ingestionKey, banner);
            Assert.Contains($"Access keys: {Path.Combine(data, AccessKeyFile.FileName)}", banner);
            Assert.Equal($"Authorization: Bearer {ingestionKey}", await ShellAsync("printf '%s' " + LaterStartHeader().Match(banner).Groups["header"].Value));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_later_start_with_ingestion_keys_configured_does_not_offer_the_files_ingestion_key_which_is_not_in_force()
    {
        var data = Directory.CreateTempSubdirectory("jt-keys-").FullName;
        try
        {
            using (var service = new ServiceFactory(withKeys: false, dataDirectory: data)) service.CreateClient();
            var fileKey = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, AccessKeyFile.FileName))).RootElement
                .GetProperty("ingestionKeys")[0].GetString()!;

            using var again = new ServiceFactory(new Dictionary<string, string?> { ["Auth:IngestionKeys:0"] = "jt_ingest_configured" },
                withKeys: false, dataDirectory: data);
            var refused = await again.WithBearer(fileKey).PostAsync("/api/events", Json.Body(Json.CartAdd("k-1", "c-keys")));

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var banner = again.Banner.ToString();
            Assert.Contains("ingestion keys from configuration (Auth:IngestionKeys), the admin key from", banner);
            Assert.Contains("Put one of your ingestion keys in JT_KEY", banner);
            Assert.DoesNotContain("grep", banner);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_first_start_banner_prints_a_dashboard_link_that_opens_the_dashboard_as_pasted_and_the_key_is_never_logged()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" }, withKeys: false);
        var browser = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var link = DashboardLink().Match(service.Banner.ToString());
        Assert.True(link.Success, service.Banner.ToString());
        var signIn = await browser.GetAsync(link.Groups["path"].Value);

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/dashboard", signIn.Headers.Location?.OriginalString);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        page.Headers.Add("Cookie", Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jt_dashboard=", StringComparison.Ordinal)).Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(page)).StatusCode);
        var key = Uri.UnescapeDataString(link.Groups["path"].Value["/dashboard?key=".Length..]);
        Assert.NotEmpty(service.Logs.Lines);
        Assert.DoesNotContain(service.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_from_configuration_leave_the_data_directory_alone()
    {
        using var service = new ServiceFactory();
        service.CreateClient();

        Assert.False(File.Exists(Path.Combine(service.DataDirectory, AccessKeyFile.FileName)));
        Assert.Contains("Access keys: from configuration", service.Banner.ToString());
        Assert.DoesNotContain(ServiceFactory.IngestionKey, service.Banner.ToString());
        Assert.Contains("/dashboard (sign in with the admin key)", service.Banner.ToString());
        Assert.DoesNotContain(ServiceFactory.AdminKey, service.Banner.ToString());
    }

    [Fact]
    public async Task A_broken_key_file_stops_start_up_saying_which_file_and_what_to_do()
    {
        var data = Directory.CreateTempSubdirectory("jt-keys-").FullName;
        await File.WriteAllTextAsync(Path.Combine(data, AccessKeyFile.FileName), "{ \"ingestionKeys\": [");
        try
        {
            var builder = RealServer.CreateBuilder(data);
            builder.Services.AddFakePorts();

            var refused = Assert.Throws<StartupRefusedException>(() => builder.Build());

            Assert.Contains(Path.Combine(data, AccessKeyFile.FileName), refused.Message);
            Assert.Contains("delete it to generate new keys", refused.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_service_as_shipped_starts_on_its_embedded_defaults()
    {
        var data = Directory.CreateTempSubdirectory("jt-defaults-").FullName;
        var port = LoopbackPorts.Free();
        using var process = StartShipped(data, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await WaitForHealthAsync(http, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, health);
            Assert.True(File.Exists(Path.Combine(data, AccessKeyFile.FileName)), "the first start generates the access keys");
            Assert.True(File.Exists(Path.Combine(data, "journeytriggers.db")), "state lives in SQLite under the data folder");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task An_address_already_taken_is_refused_in_one_sentence_that_names_the_way_out()
    {
        var data = Directory.CreateTempSubdirectory("jt-taken-").FullName;
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        using var process = StartShipped(data, port);
        try
        {
            var said = await RefusedAsync(process);

            Assert.Contains($"JourneyTriggers cannot start: Failed to bind to address http://127.0.0.1:{port}", said, StringComparison.Ordinal);
            Assert.Contains("--urls http://localhost:7072", said, StringComparison.Ordinal);
            // The host's own log (stdout) keeps the exception for whoever digs; what the operator reads last is the sentence.
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_service_on_a_data_folder_in_use_is_refused_and_the_first_keeps_running()
    {
        var data = Directory.CreateTempSubdirectory("jt-locked-").FullName;
        var firstPort = LoopbackPorts.Free();
        using var first = StartShipped(data, firstPort);
        var firstOutput = Task.WhenAll(first.StandardOutput.ReadToEndAsync(), first.StandardError.ReadToEndAsync());
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{firstPort}") };
            Assert.Equal(HttpStatusCode.OK, await WaitForHealthAsync(http, TimeSpan.FromSeconds(60)));

            using var second = StartShipped(data, LoopbackPorts.Free());
            var said = await RefusedAsync(second);

            Assert.Contains($"another JourneyTriggers process is using the data folder {data}", said, StringComparison.Ordinal);
            Assert.Contains("--data DIR", said, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

            // The lock goes with the process, however it ends: a killed service leaves the folder free.
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var thirdPort = LoopbackPorts.Free();
            using var third = StartShipped(data, thirdPort);
            var thirdOutput = Task.WhenAll(third.StandardOutput.ReadToEndAsync(), third.StandardError.ReadToEndAsync());
            using var thirdHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{thirdPort}") };
            Assert.Equal(HttpStatusCode.OK, await WaitForHealthAsync(thirdHttp, TimeSpan.FromSeconds(60)));
            third.Kill(entireProcessTree: true);
            await third.WaitForExitAsync();
            await thirdOutput;
        }
        finally
        {
            if (!first.HasExited) first.Kill(entireProcessTree: true);
            await firstOutput;
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Waits for a start-up that must be refused: exit code 1 within a minute; what it said on stderr.</summary>
    static async Task<string> RefusedAsync(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        await stdout;
        Assert.Equal(1, process.ExitCode);
        return await stderr;
    }

    /// <summary>The Release build as an operator starts it, on its embedded defaults, its output captured.</summary>
    static Process StartShipped(string data, int port) =>
        Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "JourneyTriggers.Functions.dll"), "--data", data, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    static async Task<HttpStatusCode> WaitForHealthAsync(HttpClient http, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return (await http.GetAsync("/api/health")).StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task Logs_carry_no_key_token_email_name_or_body()
    {
        const string email = "private.person@example.com";
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        var badPrice = Json.CartAdd("log-2", "c-log", price: email);
        // A storefront that names its events by who sent them: the id is personal data too.
        var idIsAnEmail = Json.CartAdd(email, "c-log", price: "x");
        await service.Ingestion().PostAsync("/api/events", Json.Body($"[{Json.Identify("log-1", "c-log", email)},{badPrice},{idIsAnEmail}]"));
        await service.Segment().PostAsync("/v1/track", Json.Body("""{"userId":"c-log","event":"Product Added","messageId":"log-3","timestamp":"2026-11-22T11:00:00Z","properties":{"price":"Somchai"}}"""));
        await service.Admin().GetAsync("/api/customers/c-log");
        await service.CreateClient().GetAsync("/api/customers/c-log?x=" + ServiceFactory.IngestionKey);
        var token = service.Tokens.Issue(ProfileKey.ForCustomer("c-log"), "m-log");
        await service.CreateClient().GetAsync("/unsubscribe?token=" + token);

        var logs = string.Join("\n", service.Logs.Lines);
        Assert.Contains("wrong fields properties.price", logs);
        Assert.Contains("Unsubscribe link for message m-log", logs);
        foreach (var secret in new[] { email, "Somchai", ServiceFactory.IngestionKey, ServiceFactory.AdminKey, token, "Laptop 14" })
            Assert.DoesNotContain(secret, logs);
    }
}
