using System.Net;
using System.Text.Json;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Core.Customers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyTriggers.Functions.Tests.Http;

/// <summary>
/// <c>GET</c> and <c>DELETE /api/customers/{id}</c>. Each test runs its own service, since journeys
/// move the clock, and the host's clock never goes back.
/// </summary>
public sealed class CustomersApiTests : IDisposable
{
    readonly ServiceFactory service = new();

    public void Dispose() => service.Dispose();

    async Task SendAsync(params string[] events)
    {
        var response = await service.Ingestion().PostAsync("/api/events", Json.Body($"[{string.Join(",", events)}]"));
        var report = await Json.ReadAsync(response);
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
    }

    async Task<JsonElement> GetAsync(string path)
    {
        var response = await service.Admin().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    static IEnumerable<JsonElement> Timeline(JsonElement customer) => customer.GetProperty("timeline").EnumerateArray();

    [Fact]
    public async Task A_customer_shows_profile_consent_cart_clocks_journeys_and_timeline()
    {
        var id = Journeys.TreatedCustomer("c-view");
        await SendAsync(Json.Identify("v-1", id), Json.Consent("v-2", id, email: true), Json.CartAdd("v-3", id), Json.CartAdd("v-4", id));

        var customer = await GetAsync($"/api/customers/{id}");

        Assert.Equal(id, customer.GetProperty("customerId").GetString());
        Assert.Equal("somchai@example.com", customer.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("Asia/Bangkok", customer.GetProperty("profile").GetProperty("timeZone").GetString());
        Assert.True(customer.GetProperty("consent").GetProperty("email").GetBoolean());
        Assert.Equal("2026-11-22T10:00:01Z", customer.GetProperty("consent").GetProperty("emailStatedAt").GetString());
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("consent").GetProperty("push").ValueKind);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("consent").GetProperty("pushStatedAt").ValueKind);
        var cart = customer.GetProperty("cart");
        Assert.Equal(65800m, cart.GetProperty("value").GetDecimal());
        Assert.Equal("THB", cart.GetProperty("currency").GetString());
        Assert.Equal(2, cart.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal("2026-11-22T11:00:00Z", customer.GetProperty("clocks").GetProperty("lastCartActivity").GetString());
        var journey = customer.GetProperty("journeys").EnumerateArray().Single(j => j.GetProperty("trigger").GetString() == "abandoned_cart");
        Assert.Equal("armed", journey.GetProperty("state").GetString());
        Assert.Equal(1, journey.GetProperty("step").GetInt32());
        Assert.Equal("2026-11-22T12:00:00Z", journey.GetProperty("dueAt").GetString());
        var entered = Assert.Single(Timeline(customer));
        Assert.Equal("journey.entered", entered.GetProperty("type").GetString());
        Assert.Equal("Journey abandoned_cart started: there are items in the cart", entered.GetProperty("why").GetString());
    }

    [Fact]
    public async Task A_sent_reminder_is_explained_in_the_timeline_in_the_wire_format()
    {
        var id = Journeys.TreatedCustomer("c-sent");
        await SendAsync(Json.Identify("s-1", id), Json.Consent("s-2", id, email: true), Json.CartAdd("s-3", id));

        await Journeys.FireDueAsync(service, id);

        var sent = Timeline(await GetAsync($"/api/customers/{id}")).Single(e => e.GetProperty("type").GetString() == "message.sent");
        Assert.Equal(["at", "type", "customerId", "trigger", "step", "channel", "template", "messageId", "why"], sent.EnumerateObject().Select(p => p.Name));
        Assert.Equal("email", sent.GetProperty("channel").GetString());
        Assert.Equal("Sent by email: the cart was left for 1 h (template cart-reminder-1)", sent.GetProperty("why").GetString());
        Assert.Single(service.Store.Changes.SelectMany(c => c.Messages));
    }

    [Fact]
    public async Task A_reminder_due_in_quiet_hours_is_explained_as_deferred_in_the_customers_zone()
    {
        var id = Journeys.TreatedCustomer("c-quiet");
        service.Time.Now = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
        await SendAsync(Json.Identify("q-1", id), Json.CartAdd("q-2", id, timestamp: "2026-11-22T13:00:00Z"));

        await Journeys.FireDueAsync(service, id);

        var customer = await GetAsync($"/api/customers/{id}");
        var deferred = Timeline(customer).Single(e => e.GetProperty("type").GetString() == "message.deferred");
        Assert.Equal("2026-11-23T01:00:00Z", deferred.GetProperty("until").GetString());
        Assert.Equal("Deferred to 08:00 Asia/Bangkok: quiet hours 21:00–08:00", deferred.GetProperty("why").GetString());
        var journey = customer.GetProperty("journeys").EnumerateArray().Single(j => j.GetProperty("trigger").GetString() == "abandoned_cart");
        Assert.Equal("deferred", journey.GetProperty("state").GetString());
        Assert.Equal("2026-11-23T01:00:00Z", journey.GetProperty("until").GetString());
    }

    [Fact]
    public async Task A_reminder_with_no_reachable_channel_is_explained_as_suppressed()
    {
        var id = Journeys.TreatedCustomer("c-unreach");
        await SendAsync(Json.CartAdd("u-1", id));

        await Journeys.FireDueAsync(service, id);

        var suppressed = Timeline(await GetAsync($"/api/customers/{id}")).Single(e => e.GetProperty("type").GetString() == "message.suppressed");
        Assert.Equal("no_reachable_channel", suppressed.GetProperty("reason").GetString());
        Assert.StartsWith("Suppressed: no reachable channel", suppressed.GetProperty("why").GetString());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_found_with_the_anonymous_flag()
    {
        await SendAsync("""{"id":"an-1","type":"cart.item_added","anonymousId":"a-77","timestamp":"2026-11-22T11:00:00Z","properties":{"sku":"LAP-14","price":10}}""");

        var visitor = await GetAsync("/api/customers/a-77?anonymous=true");
        var missing = await service.Admin().GetAsync("/api/customers/a-77");

        Assert.Equal("a-77", visitor.GetProperty("anonymousId").GetString());
        Assert.Equal("anon:a-77", visitor.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("anonymous=true", (await Json.ReadAsync(missing)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_customer_is_404()
    {
        var response = await service.Admin().GetAsync("/api/customers/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_customer_routes_need_the_admin_key()
    {
        var withIngestionKey = await service.Ingestion().GetAsync("/api/customers/c-any");
        var withoutKey = await service.CreateClient().DeleteAsync("/api/customers/c-any");

        Assert.Equal(HttpStatusCode.Forbidden, withIngestionKey.StatusCode);
        Assert.Contains("admin key", (await Json.ReadAsync(withIngestionKey)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public async Task A_customer_shows_the_name_logs_know_them_by_and_the_erasure_is_logged_under_it()
    {
        const string id = "somchai.k@example.com";
        using var logged = new ServiceFactory(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        await logged.Ingestion().PostAsync("/api/events", Json.Body(Json.Identify("ln-1", id)));

        var logName = (await Json.ReadAsync(await logged.Admin().GetAsync($"/api/customers/{Uri.EscapeDataString(id)}"))).GetProperty("logName").GetString()!;
        await logged.Admin().DeleteAsync($"/api/customers/{Uri.EscapeDataString(id)}");

        Assert.Matches("^cust-[0-9a-f]{12}$", logName);
        Assert.Contains(logged.Logs.Lines, l => l.Contains($"Erased customer {logName}:", StringComparison.Ordinal));
        Assert.DoesNotContain(logged.Logs.Lines, l => l.Contains("somchai", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Erasure_removes_everything_and_says_what_and_which_journeys_exited()
    {
        var id = Journeys.TreatedCustomer("c-erase");
        await SendAsync(Json.Identify("e-1", id), Json.Consent("e-2", id, email: true), Json.CartAdd("e-3", id));
        await Journeys.FireDueAsync(service, id);

        var response = await service.Admin().DeleteAsync($"/api/customers/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erased = await Json.ReadAsync(response);
        Assert.Equal(id, erased.GetProperty("key").GetString());
        Assert.Equal(1, erased.GetProperty("erased").GetProperty("customer").GetInt32());
        Assert.Equal(1, erased.GetProperty("erased").GetProperty("messages").GetInt32());
        var exit = Assert.Single(erased.GetProperty("exitedJourneys").EnumerateArray());
        Assert.Equal("abandoned_cart", exit.GetProperty("trigger").GetString());
        Assert.Equal("erased", exit.GetProperty("reason").GetString());
        Assert.Null(service.Store[id]);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin().GetAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin().DeleteAsync($"/api/customers/{id}")).StatusCode);
    }

    [Fact]
    public async Task Erasure_deletes_the_customers_push_installations_at_the_provider_first()
    {
        var installations = new RecordingInstallations();
        using var withHub = service.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPushInstallations>(installations)));
        var admin = withHub.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFactory.AdminKey);
        var ingestion = withHub.CreateClient();
        ingestion.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFactory.IngestionKey);
        const string id = "c-erase-push";
        string Registered(string eventId, string installation) =>
            $$$"""{"id":"{{{eventId}}}","type":"push.registered","customerId":"{{{id}}}","timestamp":"2026-11-22T11:00:00Z","properties":{"installationId":"{{{installation}}}","platform":"fcmv1","pushChannel":"token-{{{installation}}}"}}""";
        var sent = await ingestion.PostAsync("/api/events", Json.Body($"[{Json.Identify("ep-1", id)},{Registered("ep-2", "inst-a")},{Registered("ep-3", "inst-b")}]"));
        Assert.Equal(0, (await Json.ReadAsync(sent)).GetProperty("rejected").GetInt32());

        // The provider is down: nothing is erased, so a retry still knows the installations.
        installations.Failing = true;
        Assert.NotEqual(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/customers/{id}")).StatusCode);
        Assert.NotNull(service.Store[id]);

        installations.Failing = false;
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/customers/{id}")).StatusCode);
        Assert.Equal(["inst-a", "inst-b"], installations.Deleted.Order());
        Assert.Null(service.Store[id]);
    }

    /// <summary>The provider's side of <see cref="IPushInstallations"/>: which deletes arrived, or a provider that fails them.</summary>
    sealed class RecordingInstallations : IPushInstallations
    {
        public volatile bool Failing;

        public System.Collections.Concurrent.ConcurrentBag<string> Deleted { get; } = [];

        public Task UpsertAsync(ProfileKey customer, PushInstallation installation, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task DeleteAsync(string installationId, CancellationToken cancellationToken = default)
        {
            if (Failing) throw new HttpRequestException("Notification Hubs answered 503");
            Deleted.Add(installationId);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Erasing_a_customer_also_erases_the_anonymous_profiles_merged_into_them_and_the_dead_letters_that_name_them()
    {
        var phone = ProfileKey.ForAnonymous("a-erase-phone");
        await SendAsync("""{"id":"em-1","type":"app.opened","anonymousId":"a-erase-phone","timestamp":"2026-11-22T10:00:00Z"}""",
            """{"id":"em-2","type":"customer.identified","customerId":"c-erase-merged","anonymousId":"a-erase-phone","timestamp":"2026-11-22T10:00:01Z","properties":{"email":"merged@example.com"}}""");
        Assert.Equal("c-erase-merged", service.Store[phone]!.MergedInto);
        var letters = service.Services.GetRequiredService<IDeadLetterStore>();
        await letters.WriteAsync(Letter("""{"type":"customer.identified","properties":{"email":"merged@example.com"},"timestamp":"yesterday"}"""));
        await letters.WriteAsync(Letter("""{"type":"app.opened","anonymousId":"a-erase-phone","timestamp":"yesterday"}"""));
        await letters.WriteAsync(Letter("""{"type":"app.opened","anonymousId":"a-someone-else","timestamp":"yesterday"}"""));

        var response = await service.Admin().DeleteAsync("/api/customers/c-erase-merged");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erased = (await Json.ReadAsync(response)).GetProperty("erased");
        Assert.Equal((1, 1, 2), (erased.GetProperty("customer").GetInt32(), erased.GetProperty("mergedProfiles").GetInt32(), erased.GetProperty("deadLetters").GetInt32()));
        Assert.Null(service.Store[phone]);
        Assert.Null(service.Store["c-erase-merged"]);
        Assert.Contains("a-someone-else", System.Text.Encoding.UTF8.GetString(Assert.Single(await letters.ListRecentAsync(10)).Letter.Body.Span));
    }

    [Fact]
    public async Task An_id_with_no_customer_is_404_and_dead_letters_that_merely_contain_it_stay()
    {
        var letters = service.Services.GetRequiredService<IDeadLetterStore>();
        await letters.WriteAsync(Letter("""{"type":"track","event":"track","timestamp":"yesterday"}"""));

        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin().DeleteAsync("/api/customers/track")).StatusCode);

        Assert.Single(await letters.ListRecentAsync(10));
    }

    [Fact]
    public async Task Someone_known_only_from_dead_letters_is_erased_from_those_that_carry_their_id_as_an_identity()
    {
        var letters = service.Services.GetRequiredService<IDeadLetterStore>();
        await letters.WriteAsync(Letter("""{"type":"identify","userId":"c-only-refused","traits":{"email":"refused@example.com"},"timestamp":"yesterday"}"""));
        await letters.WriteAsync(Letter("""[{"type":"cart.item_added","customerId": "c-only-refused","timestamp":"""));
        await letters.WriteAsync(Letter("""{"type":"order.completed","customerId":"c-other","properties":{"orderId":"c-only-refused"},"timestamp":"yesterday"}"""));

        var response = await service.Admin().DeleteAsync("/api/customers/c-only-refused");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var erased = (await Json.ReadAsync(response)).GetProperty("erased");
        Assert.Equal((0, 2), (erased.GetProperty("customer").GetInt32(), erased.GetProperty("deadLetters").GetInt32()));
        Assert.Contains("c-other", System.Text.Encoding.UTF8.GetString(Assert.Single(await letters.ListRecentAsync(10)).Letter.Body.Span));
        Assert.Equal(HttpStatusCode.NotFound, (await service.Admin().DeleteAsync("/api/customers/c-only-refused")).StatusCode);
    }

    [Fact]
    public async Task Events_for_someone_known_only_from_dead_letters_are_decided_while_their_dead_letters_are_scanned()
    {
        var letters = new Fakes.InMemoryDeadLetterStore();
        using var scanned = service.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IDeadLetterStore>(letters)));
        await letters.WriteAsync(Letter("""{"type":"identify","userId":"c-slow-scan","timestamp":"yesterday"}"""));
        var scanning = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        letters.BeforeErasing = async () =>
        {
            scanning.TrySetResult();
            await release.Task;
        };
        try
        {
            var delete = Client(scanned, ServiceFactory.AdminKey).DeleteAsync("/api/customers/c-slow-scan");
            await scanning.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // Decided under the customer's lock: the scan must not be holding it.
            var sent = await Client(scanned, ServiceFactory.IngestionKey).PostAsync("/api/events", Json.Body($"[{Json.CartAdd("ss-1", "c-slow-scan")}]"))
                .WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            release.SetResult();

            var response = await delete;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, (await Json.ReadAsync(response)).GetProperty("erased").GetProperty("deadLetters").GetInt32());
            Assert.Empty(letters.Letters);
            Assert.NotNull(service.Store[ProfileKey.ForCustomer("c-slow-scan")]);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    static HttpClient Client(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_delete_without_the_anonymous_flag_for_a_visitor_is_404_and_takes_none_of_their_dead_letters()
    {
        await SendAsync("""{"id":"vf-1","type":"app.opened","anonymousId":"a-flagless","timestamp":"2026-11-22T10:00:00Z"}""");
        var letters = service.Services.GetRequiredService<IDeadLetterStore>();
        await letters.WriteAsync(Letter("""{"type":"app.opened","customerId":"a-flagless","timestamp":"yesterday"}"""));

        var response = await service.Admin().DeleteAsync("/api/customers/a-flagless");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("?anonymous=true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await letters.ListRecentAsync(10));
        Assert.NotNull(service.Store[ProfileKey.ForAnonymous("a-flagless")]);
    }

    static DeadLetter Letter(string body) =>
        new(NodaTime.Instant.FromUtc(2026, 11, 22, 9, 0), "inbox", "could not be decided", System.Text.Encoding.UTF8.GetBytes(body), new Dictionary<string, string>());

    [Fact]
    public async Task A_store_that_does_not_answer_is_a_503_with_the_wait_it_asked_for_not_a_500()
    {
        service.Store.Failure = new StoreUnavailableException("Cosmos DB answered 429/3200 to a read of a customer document.", TimeSpan.FromSeconds(6.2));
        try
        {
            var response = await service.Admin().GetAsync("/api/customers/c-store-down");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
            Assert.Contains("Cosmos DB answered 429/3200", (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            service.Store.Failure = null;
        }
    }

    [Fact]
    public async Task A_customer_id_with_slashes_is_read_and_erased_by_its_escaped_form()
    {
        const string id = "gid://shopify/Customer/7";
        await SendAsync("""{"id":"slash-1","type":"cart.item_added","customerId":"gid://shopify/Customer/7","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"LAP-14"}}""");
        var path = "/api/customers/" + Uri.EscapeDataString(id);

        var read = await service.Admin().GetAsync(path);
        var erased = await service.Admin().DeleteAsync(path);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("LAP-14", (await Json.ReadAsync(read)).GetProperty("cart").GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Null(service.Store[id]);
    }

    [Theory]
    [InlineData("/api/customers/x%252Fy", "x%2Fy", "x%2Fy")]
    [InlineData("/api/customers/x%2Fy?anonymous=true", "x%2Fy", "x/y")]
    [InlineData("/api/customers/gid%3A%2F%2Fshopify%2FCustomer%2F7", "gid:%2F%2Fshopify%2FCustomer%2F7", "gid://shopify/Customer/7")]
    [InlineData("/api/customers/%E0%B8%AA%E0%B8%A1", "\u0e2a\u0e21", "\u0e2a\u0e21")]
    [InlineData("/api/customers/c-42/", "c-42", "c-42")]
    [InlineData("/api/customers/c-42/.", "c-42", "c-42")]
    [InlineData("", "x%2Fy", "x/y")]
    public void The_id_is_the_routed_segment_of_the_request_target_decoded_once(string target, string routed, string id)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget = target;

        // ASP.NET Core routes the first two to the same value; only the target tells them apart. A trailing slash or dot
        // segment routes to the id before it, and a server that keeps no target leaves only the routed value.
        Assert.Equal(id, JourneyTriggers.Functions.Http.CustomersApi.IdOf(context, routed));
    }

    [Theory]
    [InlineData("/api/customers/c-42?anonymous=maybe", "anonymous")]
    [InlineData("/api/outbox?limit=abc", "limit")]
    public async Task A_query_value_that_is_not_of_its_type_is_a_400_naming_it(string path, string parameter)
    {
        // As deployed: outside Development, minimal APIs answer a binding failure with a bare 400 unless told to throw.
        using var production = new ServiceFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        var response = await production.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(parameter, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_profile_can_be_erased()
    {
        await SendAsync("""{"id":"ae-1","type":"app.opened","anonymousId":"a-erase","timestamp":"2026-11-22T11:00:00Z"}""");

        var response = await service.Admin().DeleteAsync("/api/customers/a-erase?anonymous=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(service.Store[ProfileKey.ForAnonymous("a-erase")]);
    }
}
