using System.Net;
using System.Text.RegularExpressions;
using static JourneyTriggers.Functions.Tests.Http.DevInboxEntries;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary><c>GET /dev/inbox</c>: what the page lists, in what order, and that nothing in a message can run in it.</summary>
public sealed partial class DevInboxPageTests
{
    [GeneratedRegex("<iframe[^>]*>")]
    private static partial Regex IframeTag();

    [GeneratedRegex("data-message-id=\"(?<id>[^\"]+)\"")]
    private static partial Regex MessageIds();

    static async Task<(HttpResponseMessage Response, string Page)> GetAsync(ServiceFactory service, string query = "")
    {
        var response = await service.Admin().GetAsync("/dev/inbox" + query);
        return (response, await response.Content.ReadAsStringAsync());
    }

    static string[] IdsIn(string page) => [.. MessageIds().Matches(page).Select(m => m.Groups["id"].Value)];

    [Fact]
    public async Task The_inbox_lists_messages_newest_first_and_filters_by_customer_and_limit()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.AddRange([Email("m-1", "c-a", 1), Push("m-2", "c-b", 2), Email("m-3", "c-a", 3), Push("m-4", "c-a", 4)]);

        var (all, page) = await GetAsync(service);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/html", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["m-4", "m-3", "m-2", "m-1"], IdsIn(page));

        Assert.Equal(["m-4", "m-3", "m-1"], IdsIn((await GetAsync(service, "?customerId=c-a")).Page));
        Assert.Equal(["m-4", "m-3"], IdsIn((await GetAsync(service, "?customerId=c-a&limit=2")).Page));
        var filtered = (await GetAsync(service, "?customerId=c-b")).Page;
        Assert.Equal(["m-2"], IdsIn(filtered));
        Assert.Contains("name=\"customerId\" value=\"c-b\"", filtered);
        Assert.Equal(["m-4"], IdsIn((await GetAsync(service, "?limit=0")).Page));
    }

    [Fact]
    public async Task An_email_shows_subject_recipient_status_its_html_in_a_sandboxed_frame_text_and_headers()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.Add(Email("m-mail", "c-mail", 5, html: "<p style=\"color:#111\">Hi Somchai &amp; co</p>"));

        var (_, page) = await GetAsync(service);

        Assert.Contains("<h2 class=\"subject\">Your cart</h2>", page);
        Assert.Contains("somchai@example.com", page);
        Assert.Contains("class=\"badge s-delivered\">Delivered<", page);
        Assert.Contains("<time datetime=\"2026-11-22T12:05:00Z\">2026-11-22 12:05:00 UTC</time>", page);
        Assert.Contains("srcdoc=\"&lt;p style=&quot;color:#111&quot;&gt;Hi Somchai &amp;amp; co&lt;/p&gt;\"", page);
        Assert.Contains("<summary>Plain-text part</summary><pre>Hi, plain text</pre>", page);
        Assert.Contains("<td>List-Unsubscribe</td><td>&lt;https://jt.example/unsubscribe?token=t1&gt;</td>", page);
        Assert.Contains("<dt>List-Unsubscribe</dt>", page);
    }

    [Fact]
    public async Task A_push_shows_as_a_lock_screen_card_with_its_deep_link_as_text()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.Add(Push("m-push", "c-push", 7));

        var (_, page) = await GetAsync(service);

        Assert.Contains("<div class=\"notif-title\">You left something in your cart</div>", page);
        Assert.Contains("<div class=\"notif-body\">Laptop 14 is still waiting.</div>", page);
        Assert.Contains("<span class=\"app\">Shop Example</span>", page);
        Assert.Contains("<code>shop://cart/restore?c=1</code>", page);
        Assert.DoesNotContain("href=\"shop://", page);
        Assert.Contains("class=\"badge s-failed\">Failed<", page);
        Assert.Contains("device token expired", page);
    }

    [Fact]
    public async Task Markup_in_a_subject_an_html_part_or_a_push_body_never_becomes_live_markup_and_the_frame_cannot_script()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.AddRange([
            Email("m-x1", "c-x", 1, subject: Script + ImgBreakout, html: $"<p>{Script}</p><p>{ImgBreakout}</p>"),
            Push("m-x2", "c-x", 2, body: Script + ImgBreakout),
        ]);

        var (_, page) = await GetAsync(service, "?customerId=" + Uri.EscapeDataString(ImgBreakout));
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"", page);

        (_, page) = await GetAsync(service);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h2>", page);
        Assert.Contains("<div class=\"notif-body\">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</div>", page);
        // Inside srcdoc the email's own markup is one attribute value: its quote cannot end the attribute.
        Assert.Contains("srcdoc=\"&lt;p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;&lt;p&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;\"", page);

        var frame = Assert.Single(IframeTag().Matches(page)).Value;
        Assert.Matches(" sandbox[ >]", frame);
        Assert.DoesNotContain("allow-", frame);
    }

    [Fact]
    public async Task The_page_and_its_refusals_carry_a_strict_content_security_policy()
    {
        using var service = new ServiceFactory();

        var (page, _) = await GetAsync(service);
        var refused = await service.CreateClient().GetAsync("/dev/inbox");

        foreach (var response in new[] { page, refused })
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Contains("style-src 'unsafe-inline'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("script-src", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("", "th-TH,th;q=0.9,en;q=0.5", "กล่องข้อความสำหรับนักพัฒนา", "th")]
    [InlineData("?lang=en", "th-TH", "Dev inbox", "en")]
    [InlineData("?lang=th", "en-US", "ส่งแล้ว", "th")]
    [InlineData("", "fr-FR, en;q=0.4", "Dev inbox", "en")]
    [InlineData("", "", "Delivered", "en")]
    public async Task Labels_are_Thai_or_English_by_lang_then_Accept_Language(string query, string acceptLanguage, string expected, string lang)
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.Add(Email("m-l", "c-l", 1));
        var client = service.Admin();
        if (acceptLanguage.Length > 0) client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var page = await client.GetStringAsync("/dev/inbox" + query);

        Assert.Contains(expected, page);
        Assert.Contains($"<html lang=\"{lang}\">", page);
    }
}
