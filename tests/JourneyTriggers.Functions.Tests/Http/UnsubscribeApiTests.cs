using System.Globalization;
using System.Net;
using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>The unsubscribe link: no key, only the signed token; consent goes at once, and only for a good token.</summary>
public sealed class UnsubscribeApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    async Task<ProfileKey> SubscribedAsync(string customerId)
    {
        await service.Ingestion().PostAsync("/api/events", Json.Body($"[{Json.Identify(customerId + "-1", customerId)},{Json.Consent(customerId + "-2", customerId, email: true)}]"));
        Assert.True(service.Store[customerId]!.Profile.EmailConsent?.Granted);
        return ProfileKey.ForCustomer(customerId);
    }

    static void AssertPrivatePage(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_valid_link_revokes_email_consent_and_shows_a_bilingual_page()
    {
        var key = await SubscribedAsync("c-unsub");

        var response = await service.CreateClient().GetAsync("/unsubscribe?token=" + service.Tokens.Issue(key, "m-unsub-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertPrivatePage(response);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("You are unsubscribed", page);
        Assert.Contains("ยกเลิกการรับอีเมลแล้ว", page);
        var customer = service.Store[key]!;
        Assert.False(customer.Profile.EmailConsent?.Granted);
        Assert.Contains(customer.Seen.Ids, s => s.Id.StartsWith("unsubscribe:m-unsub-1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_says_what_a_link_did_revoked_already_revoked_or_nobody_to_revoke()
    {
        using var logged = new ServiceFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });
        await logged.Ingestion().PostAsync("/api/events", Json.Body($"[{Json.Identify("lg-1", "c-logged")},{Json.Consent("lg-2", "c-logged", email: true)}]"));
        var key = JourneyTriggers.Core.Customers.ProfileKey.ForCustomer("c-logged");

        await logged.CreateClient().GetAsync("/unsubscribe?token=" + logged.Tokens.Issue(key, "m-log-1"));
        await logged.CreateClient().GetAsync("/unsubscribe?token=" + logged.Tokens.Issue(key, "m-log-2"));
        await logged.CreateClient().GetAsync("/unsubscribe?token=" + logged.Tokens.Issue(JourneyTriggers.Core.Customers.ProfileKey.ForCustomer("c-nobody"), "m-log-3"));

        Assert.Contains(logged.Logs.Lines, l => l.Contains("message m-log-1: email consent revoked", StringComparison.Ordinal));
        Assert.Contains(logged.Logs.Lines, l => l.Contains("message m-log-2: email consent was already revoked", StringComparison.Ordinal));
        Assert.Contains(logged.Logs.Lines, l => l.Contains("message m-log-3: no such customer (erased?), nothing to revoke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Following_the_link_twice_changes_nothing_more()
    {
        var key = await SubscribedAsync("c-twice");
        var link = "/unsubscribe?token=" + service.Tokens.Issue(key, "m-twice");
        await service.CreateClient().GetAsync(link);
        var saves = service.Store.Changes.Count(c => c.Key == key);

        var again = await service.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(saves, service.Store.Changes.Count(c => c.Key == key));
    }

    [Fact]
    public async Task The_same_link_followed_after_opting_in_again_revokes_again()
    {
        var key = await SubscribedAsync("c-again");
        var link = "/unsubscribe?token=" + service.Tokens.Issue(key, "m-again");
        await service.CreateClient().GetAsync(link);
        service.Time.Advance(TimeSpan.FromMinutes(5));
        // The opt-in is stamped after the click: one stamped before it would be the older word, and change nothing.
        await service.Ingestion().PostAsync("/api/events", Json.Body(Json.Consent("c-again-3", "c-again", email: true, Iso(service.Time.Now))));
        Assert.True(service.Store[key]!.Profile.EmailConsent?.Granted);
        service.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await service.CreateClient().GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    [Fact]
    public async Task A_click_revokes_even_a_grant_a_storefront_stamped_ahead_of_the_service_clock()
    {
        var key = ProfileKey.ForCustomer("c-ahead");
        await service.Ingestion().PostAsync("/api/events", Json.Body(
            $"[{Json.Identify("c-ahead-1", "c-ahead")},{Json.Consent("c-ahead-2", "c-ahead", email: true, Iso(service.Time.Now.AddHours(2)))}]"));
        Assert.True(service.Store[key]!.Profile.EmailConsent?.Granted);

        await service.CreateClient().GetAsync("/unsubscribe?token=" + service.Tokens.Issue(key, "m-ahead"));

        Assert.False(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_expired_link_is_410_with_a_page_and_no_consent_change()
    {
        var key = await SubscribedAsync("c-expired");
        var token = service.Tokens.IssueExpiring(key, "m-old", service.Time.Now.AddDays(-1));

        var response = await service.CreateClient().GetAsync("/unsubscribe?token=" + token);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        AssertPrivatePage(response);
        Assert.Contains("This link has expired", await response.Content.ReadAsStringAsync());
        Assert.True(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_tampered_or_missing_token_is_400_with_a_page_and_no_consent_change(string? kind)
    {
        var key = await SubscribedAsync("c-tamper");
        var good = service.Tokens.Issue(key, "m-tamper");
        var token = kind switch
        {
            // Another customer's id with the original signature.
            "tampered" => service.Tokens.Issue(ProfileKey.ForCustomer("c-other"), "m-tamper").Split('.')[0] + "." + good.Split('.')[1],
            "garbage" => "%3Cscript%3E.x",
            _ => kind,
        };

        var response = await service.CreateClient().GetAsync(token is null ? "/unsubscribe" : "/unsubscribe?token=" + token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("This link does not work", page);
        Assert.DoesNotContain("<script>", page);
        Assert.True(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    [Fact]
    public async Task One_click_post_revokes_consent_and_answers_200_without_a_page()
    {
        var key = await SubscribedAsync("c-oneclick");
        var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        var response = await service.CreateClient().PostAsync("/unsubscribe?token=" + service.Tokens.Issue(key, "m-oneclick"), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    [Fact]
    public async Task One_click_with_a_bad_token_is_refused_without_change()
    {
        var key = await SubscribedAsync("c-oneclick-bad");
        var expired = service.Tokens.IssueExpiring(key, "m-x", service.Time.Now.AddMinutes(-1));
        var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        var gone = await service.CreateClient().PostAsync("/unsubscribe?token=" + expired, body);
        var invalid = await service.CreateClient().PostAsync("/unsubscribe?token=nope", body);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(service.Store[key]!.Profile.EmailConsent?.Granted);
    }

    [Fact]
    public async Task An_erased_customer_is_not_brought_back_by_an_old_link()
    {
        var response = await service.CreateClient().GetAsync("/unsubscribe?token=" + service.Tokens.Issue(ProfileKey.ForCustomer("c-gone"), "m-gone"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(service.Store["c-gone"]);
    }
}
