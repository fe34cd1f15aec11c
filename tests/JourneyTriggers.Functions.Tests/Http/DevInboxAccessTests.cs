using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// Who may open <c>/dev/inbox</c>: the admin key, once, by <c>?key=</c> or the sign-in form, swapped at
/// once for an HttpOnly, SameSite=Strict cookie that opens this page only; or a Bearer admin key.
/// </summary>
public sealed partial class DevInboxAccessTests
{
    [GeneratedRegex(@"Dev inbox \(the reminders, as customers see them\): http://localhost:7071(?<path>/dev/inbox\?key=\S+)")]
    private static partial Regex BannerLink();

    static HttpClient Browser(ServiceFactory service) => service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    static string InboxCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("jt_inbox=", StringComparison.Ordinal));

    static async Task<HttpResponseMessage> WithCookieAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_key_the_inbox_answers_401_with_a_sign_in_form_and_no_messages()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.Add(DevInboxEntries.Email("m-secret", "c-secret", 1));

        var response = await Browser(service).GetAsync("/dev/inbox?customerId=c-secret");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("<form class=\"signin\" method=\"post\" action=\"/dev/inbox?customerId=c-secret\">", page);
        Assert.Contains("type=\"password\" name=\"key\"", page);
        Assert.DoesNotContain("somchai@example.com", page);
        Assert.DoesNotContain("m-secret", page);
    }

    [Theory]
    [InlineData("?key=not-our-key", HttpStatusCode.Unauthorized, "That key is not the admin key.")]
    [InlineData("?key=" + ServiceFactory.IngestionKey, HttpStatusCode.Forbidden, "That is an ingestion key")]
    public async Task A_wrong_key_in_the_query_is_refused_and_sets_no_cookie(string query, HttpStatusCode status, string message)
    {
        using var service = new ServiceFactory();

        var response = await Browser(service).GetAsync("/dev/inbox" + query);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Bearer_keys_work_for_curl_the_admin_key_opens_an_ingestion_key_is_403_an_unknown_one_401()
    {
        using var service = new ServiceFactory();

        Assert.Equal(HttpStatusCode.OK, (await service.Admin().GetAsync("/dev/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Ingestion().GetAsync("/dev/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.WithBearer("nope").GetAsync("/dev/inbox")).StatusCode);
    }

    [Fact]
    public async Task The_key_in_the_query_becomes_an_inbox_only_cookie_and_a_redirect_without_the_key()
    {
        using var service = new ServiceFactory();
        service.Outbox.Entries.Add(DevInboxEntries.Email("m-c", "c-c", 1));
        var browser = Browser(service);

        var signIn = await browser.GetAsync($"/dev/inbox?customerId=c-c&key={ServiceFactory.AdminKey}&lang=th");

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal("/dev/inbox?customerId=c-c&lang=th", signIn.Headers.Location?.OriginalString);
        var cookie = InboxCookie(signIn);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dev/inbox", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ServiceFactory.AdminKey, cookie);

        var inbox = await WithCookieAsync(browser, signIn.Headers.Location!.OriginalString, cookie);
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("data-message-id=\"m-c\"", await inbox.Content.ReadAsStringAsync());

        // The cookie opens this page only: it is not a key for the admin API.
        var sessionValue = cookie.Split(';')[0]["jt_inbox=".Length..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.WithBearer(sessionValue).GetAsync("/api/outbox")).StatusCode);
        Assert.DoesNotContain(service.Logs.Lines, line => line.Contains(ServiceFactory.AdminKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_or_stale_cookie_is_refused_and_cleared()
    {
        using var service = new ServiceFactory();

        var response = await WithCookieAsync(Browser(service), "/dev/inbox", "jt_inbox=" + ServiceFactory.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", InboxCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_form_posts_the_key_and_gets_the_cookie_and_a_redirect()
    {
        using var service = new ServiceFactory();
        var browser = Browser(service);

        var wrong = await browser.PostAsync("/dev/inbox?lang=en", new FormUrlEncodedContent([new("key", "guess")]));
        var right = await browser.PostAsync("/dev/inbox?lang=en", new FormUrlEncodedContent([new("key", ServiceFactory.AdminKey)]));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal("/dev/inbox?lang=en", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(browser, "/dev/inbox", InboxCookie(right))).StatusCode);
    }

    [Fact]
    public async Task The_first_start_banner_prints_an_inbox_link_that_works_as_pasted_and_the_key_is_never_logged()
    {
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" }, withKeys: false);
        var browser = Browser(service);

        var link = BannerLink().Match(service.Banner.ToString());
        Assert.True(link.Success, service.Banner.ToString());
        var signIn = await browser.GetAsync(link.Groups["path"].Value);

        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(browser, signIn.Headers.Location!.OriginalString, InboxCookie(signIn))).StatusCode);
        var key = Uri.UnescapeDataString(link.Groups["path"].Value["/dev/inbox?key=".Length..]);
        Assert.NotEmpty(service.Logs.Lines);
        Assert.DoesNotContain(service.Logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void With_configured_keys_the_banner_names_the_inbox_without_a_key()
    {
        using var service = new ServiceFactory();
        service.CreateClient();

        Assert.Contains("/dev/inbox (sign in with the admin key)", service.Banner.ToString());
        Assert.DoesNotContain(ServiceFactory.AdminKey, service.Banner.ToString());
    }

}
