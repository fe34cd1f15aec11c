using System.Net;
using System.Text.Json;
using JourneyTriggers.Functions.Tests.Http.Browser;
using JourneyTriggers.Functions.Tests.EndToEnd;
using Microsoft.Playwright;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// The dev inbox in a real browser against the real service: a cart with a hostile product name
/// becomes a reminder within seconds, and Chromium shows it, rendered, with nothing of the name run.
/// </summary>
public sealed class DevInboxBrowserTests
{
    /// <summary>An email two seconds after the cart, then a push: no quiet hours, no holdout, so both are due at once.</summary>
    const string Config = """
        { "defaults": { "timeZone": "Asia/Bangkok", "locale": "th-TH", "quietHours": null, "frequencyCap": { "perDay": 10, "perWeek": 20 },
            "holdoutPercent": 0, "attributionWindow": "P3D", "emailConsent": "explicit" },
          "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned", "steps": [
              { "after": "PT2S", "channels": ["email"], "template": "cart-reminder-1" },
              { "after": "PT2S", "channels": ["push"], "template": "cart-reminder-2" } ] } ] }
        """;

    const string HostileName = "Laptop <script>window.__pwned=1</script>\"><img src=x onerror=\"window.__pwned=2;alert(1)\">";

    [Fact]
    public async Task Chromium_shows_the_reminder_email_rendered_in_its_sandbox_and_the_push_card_and_nothing_injected_runs()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var service = await ServiceProcess.StartAsync(Config);
        await SendCartAsync(service);
        await WaitForMessagesAsync(service, TimeSpan.FromSeconds(60));

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 }, Locale = "en-US" });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Dialog += async (_, d) => { problems.Add("dialog: " + d.Message); await d.DismissAsync(); };

        var response = await page.GotoAsync($"{service.BaseAddress}dev/inbox?key={service.AdminKey}&lang=en");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.DoesNotContain("key=", page.Url);
        Assert.Equal("Dev inbox · JourneyTriggers", await page.TitleAsync());

        var email = page.Locator("article.msg.email");
        await Assertions.Expect(email).ToHaveCountAsync(1);
        Assert.Equal("Somchai, you left something in your cart", await email.Locator("h2.subject").InnerTextAsync());
        Assert.Equal("", await email.Locator("iframe").GetAttributeAsync("sandbox"));
        var mailText = await page.FrameLocator("iframe.mail").Locator("body").InnerTextAsync();
        Assert.Contains("You left something in your cart", mailText);
        Assert.Contains("<script>window.__pwned=1</script>", mailText);
        Assert.Contains("Unsubscribe", mailText);
        await email.Locator("details.headers summary").ClickAsync();
        Assert.Contains("List-Unsubscribe", await email.Locator("details.headers").InnerTextAsync());

        var push = page.Locator("article.msg.push");
        await Assertions.Expect(push).ToHaveCountAsync(1);
        Assert.Contains("<script>window.__pwned=1</script>", await push.Locator(".notif-body").InnerTextAsync());

        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__pwned"));
        Assert.Equal(0, await page.Locator("article img").CountAsync());
        await page.WaitForTimeoutAsync(500);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The docs' picture is refreshed only on request (JT_UPDATE_SCREENSHOTS=1): its times change every run.
        var screenshot = Environment.GetEnvironmentVariable("JT_UPDATE_SCREENSHOTS") == "1"
            ? RepositoryFiles.PathOf("docs/images/dev-inbox.png")
            : Path.Combine(Path.GetTempPath(), $"dev-inbox-{Guid.NewGuid():N}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        // Rendered, not merely the right size: the email's own frame and the push card hold text and colour.
        var mail = await Screenshots.MeasureAsync(browser, await email.Locator("iframe.mail").ScreenshotAsync());
        var card = await Screenshots.MeasureAsync(browser, await push.ScreenshotAsync());
        var whole = await Screenshots.MeasureAsync(browser, await File.ReadAllBytesAsync(screenshot));
        // A blank frame measures 0 and 1 colour; these rendered 7 % / 93, 26 % / 179 and 20 % / 284 when written.
        Assert.True(mail is { Share: > 0.02, Colours: > 10 }, $"the email frame shows its content: {mail}");
        Assert.True(card is { Share: > 0.05, Colours: > 10 }, $"the push card is drawn: {card}");
        Assert.True(whole is { Share: > 0.05, Colours: > 20 }, $"the page is drawn: {whole}");
    }

    static async Task SendCartAsync(ServiceProcess service)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        object Event(string id, string type, object properties) => new { id, type, customerId = "c-browser", timestamp = now, source = "web", properties };
        var events = JsonSerializer.Serialize(new[]
        {
            Event("b-1", "customer.identified", new { email = "somchai@example.com", firstName = "Somchai", locale = "en-US", timeZone = "Asia/Bangkok" }),
            Event("b-2", "consent.updated", new { email = true, push = true }),
            Event("b-3", "push.registered", new { installationId = "inst-browser", platform = "fcmv1", pushChannel = "device-token" }),
            Event("b-4", "cart.item_added", new { sku = "LAP-14", name = HostileName, price = 32900, quantity = 1, currency = "THB" }),
        });
        var response = await service.PostEventsAsync(events);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    static async Task WaitForMessagesAsync(ServiceProcess service, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last;
        do
        {
            await Task.Delay(500);
            using var answer = await service.Http.SendAsync(service.Admin("/api/outbox?customerId=c-browser"));
            last = await answer.Content.ReadAsStringAsync();
            var channels = JsonDocument.Parse(last).RootElement.EnumerateArray().Select(e => e.GetProperty("channel").GetString()).ToList();
            if (channels.Contains("email") && channels.Contains("push")) return;
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"no email and push reminder within {limit}: {last}\n{service.RecentOutput()}");
    }
}
