using System.Globalization;
using System.Net;
using System.Text.Json;
using JourneyTriggers.Functions.Tests.EndToEnd;
using JourneyTriggers.Functions.Tests.Http.Browser;
using Microsoft.Playwright;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// The dashboard in a real browser against the real service and its SQLite tallies: a week of carts that were
/// bought, then today a cart that is abandoned. The page shows the figures <c>GET /api/metrics</c> answers,
/// speaks Thai on request, raises the abandonment alert (0 % for seven days, then 100 %), and runs nothing.
/// </summary>
public sealed class DashboardBrowserTests
{
    const string Config = """
        { "defaults": { "timeZone": "UTC", "locale": "en-US", "quietHours": null, "frequencyCap": { "perDay": 10, "perWeek": 20 },
            "holdoutPercent": 0, "attributionWindow": "P3D", "emailConsent": "explicit", "currency": "THB", "abandonmentAlertPercent": 20 },
          "triggers": [ { "name": "abandoned_cart", "kind": "cart_abandoned", "steps": [
              { "after": "PT2S", "channels": ["email"], "template": "cart-reminder-1" } ] } ] }
        """;

    [Fact]
    public async Task Chromium_shows_the_api_figures_in_english_and_thai_with_the_abandonment_alert_and_no_console_errors()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var service = await ServiceProcess.StartAsync(Config);
        await SeedAsync(service);
        var api = await WaitForAbandonmentAsync(service, TimeSpan.FromSeconds(60));
        var cart = api.GetProperty("triggers")[0];

        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 }, Locale = "en-US" });
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add("page error: " + e);

        var response = await page.GotoAsync($"{service.BaseAddress}dashboard?key={service.AdminKey}&lang=en");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.DoesNotContain("key=", page.Url);
        Assert.Equal("Journey metrics · JourneyTriggers", await page.TitleAsync());

        var en = CultureInfo.GetCultureInfo("en-US");
        Assert.Equal(Percent(cart.GetProperty("abandonmentRate").GetDouble(), en), await page.Locator("#abandonment-rate .value").InnerTextAsync());
        var treated = cart.GetProperty("outcome").GetProperty("treated");
        Assert.Equal($"{treated.GetProperty("conversions").GetInt64()} / {treated.GetProperty("eligible").GetInt64()}",
            await page.Locator("#treated-conversion .note").InnerTextAsync());
        Assert.Contains(api.GetProperty("cartsStarted").GetInt64().ToString(en), await page.Locator("#funnel").InnerTextAsync());
        Assert.True(api.GetProperty("alert").GetProperty("raised").GetBoolean(), api.GetProperty("alert").ToString());
        await Assertions.Expect(page.Locator("#abandonment-alert")).ToContainTextAsync("Cart abandonment is up");
        Assert.Equal(api.GetProperty("days").GetArrayLength(), await page.Locator("#daily g.s-abandoned circle").CountAsync());
        await Assertions.Expect(page.Locator("section.breakdown.steps tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section.breakdown.channels tbody tr")).ToHaveCountAsync(1);

        var screenshot = Environment.GetEnvironmentVariable("JT_UPDATE_SCREENSHOTS") == "1"
            ? RepositoryFiles.PathOf("docs/images/dashboard.png")
            : Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        var funnel = await Screenshots.MeasureAsync(browser, await page.Locator("#funnel").ScreenshotAsync());
        var daily = await Screenshots.MeasureAsync(browser, await page.Locator("#daily").ScreenshotAsync());
        var whole = await Screenshots.MeasureAsync(browser, await File.ReadAllBytesAsync(screenshot));
        // A blank chart measures 0 and 1 colour; these rendered 15 % / 34, 5 % / 138 and 15 % / 247 when written.
        Assert.True(funnel is { Share: > 0.05, Colours: > 5 }, $"the funnel is drawn: {funnel}");
        Assert.True(daily is { Share: > 0.01, Colours: > 10 }, $"the daily chart is drawn: {daily}");
        Assert.True(whole is { Share: > 0.05, Colours: > 20 }, $"the page is drawn: {whole}");

        await page.GotoAsync($"{service.BaseAddress}dashboard?lang=th");
        Assert.Equal("ตัวชี้วัดเส้นทางลูกค้า", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("อัตราการทิ้งตะกร้า", await page.Locator("#abandonment-rate h2").InnerTextAsync());
        await Assertions.Expect(page.Locator("#abandonment-alert")).ToContainTextAsync("อัตราการทิ้งตะกร้าสูงขึ้น");

        Assert.Equal(0, await page.Locator("script").CountAsync());
        await page.WaitForTimeoutAsync(300);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    static string Percent(double rate, CultureInfo culture) => (rate * 100).ToString("0.#", culture) + " %";

    /// <summary>Seven past days with a cart bought at once (rate 0 %), and today a cart left for the reminder (rate 100 %).</summary>
    static async Task SeedAsync(ServiceProcess service)
    {
        var today = DateTimeOffset.UtcNow;
        string At(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        object Event(string id, string type, string customerId, DateTimeOffset at, object properties) => new { id, type, customerId, timestamp = At(at), properties };
        var events = new List<object>();
        for (var day = 1; day <= 7; day++)
        {
            var at = today.AddDays(-day).AddMinutes(-5);
            events.Add(Event($"p-{day}-cart", "cart.item_added", $"c-past-{day}", at, new { sku = "TEA-1", name = "Thai tea", price = 120, quantity = 1, currency = "THB" }));
            events.Add(Event($"p-{day}-order", "order.completed", $"c-past-{day}", at.AddMinutes(1), new { orderId = $"o-past-{day}", revenue = 120, currency = "THB" }));
        }
        events.Add(Event("d-1", "customer.identified", "c-dash", today, new { email = "somchai@example.com", firstName = "Somchai", locale = "en-US", timeZone = "Asia/Bangkok" }));
        events.Add(Event("d-2", "consent.updated", "c-dash", today, new { email = true }));
        events.Add(Event("d-3", "cart.item_added", "c-dash", today, new { sku = "LAP-14", name = "Laptop 14", price = 32900, quantity = 1, currency = "THB" }));
        var response = await service.PostEventsAsync(JsonSerializer.Serialize(events));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    static async Task<JsonElement> WaitForAbandonmentAsync(ServiceProcess service, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        string last;
        do
        {
            await Task.Delay(500);
            using var answer = await service.Http.SendAsync(service.Admin("/api/metrics"));
            last = await answer.Content.ReadAsStringAsync();
            var report = JsonDocument.Parse(last).RootElement;
            if (answer.StatusCode == HttpStatusCode.OK && report.GetProperty("triggers")[0].GetProperty("abandoned").GetInt64() == 1) return report.Clone();
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"the cart was not abandoned within {limit}: {last}\n{service.RecentOutput()}");
        return default;
    }
}
