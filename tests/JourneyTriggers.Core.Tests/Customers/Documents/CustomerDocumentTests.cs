using System.Text;
using System.Text.Json;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Customers.Documents;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

public class CustomerDocumentTests
{
    public static TheoryData<string> States() => new("full", "tombstone", "fresh", "small");

    static CustomerState State(string name) => name switch
    {
        "full" => SampleStates.Full(),
        "tombstone" => SampleStates.Tombstone(),
        "fresh" => SampleStates.Fresh(),
        _ => SampleStates.Small(),
    };

    static string Text(CustomerState state) => Encoding.UTF8.GetString(CustomerDocument.Serialize(state));

    static CustomerState Read(string json) => CustomerDocument.Deserialize(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(States))]
    public void Every_field_reads_back(string name)
    {
        var state = State(name);
        var bytes = CustomerDocument.Serialize(state);
        var read = CustomerDocument.Deserialize(bytes);
        StateAssert.Equal(state, read);
        Assert.Equal(bytes, CustomerDocument.Serialize(read));
    }

    [Fact]
    public void A_cart_a_journey_has_begun_on_says_so_and_an_emptied_one_forgets_it()
    {
        var full = SampleStates.Full();
        Assert.False(full.Cart.IsEmpty);
        var begun = full with { Cart = full.Cart.WithJourneyBegun() };

        var text = Text(begun);

        Assert.Contains("\"cartJourneyBegun\":true", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cartJourneyBegun", Text(full), StringComparison.Ordinal);
        StateAssert.Equal(begun, Read(text));
        Assert.True(Read(text).Cart.JourneyBegun);
        var emptied = begun.Cart.Lines.Aggregate(begun.Cart, (cart, line) => cart.Remove(line.Sku, null));
        Assert.Equal(Cart.Empty, emptied);
    }

    [Fact]
    public void Uncredited_orders_are_kept_with_their_revenue_as_written_and_left_out_when_there_are_none()
    {
        var text = Text(SampleStates.Full());

        Assert.Contains("\"uncredited\":[{\"orderId\":\"o-1\",\"at\":\"2026-11-21T08:00:00.5Z\",\"revenue\":329.50,\"currency\":\"THB\"},"
            + "{\"orderId\":\"o-2\",\"at\":\"2026-11-22T08:00:00Z\",\"revenue\":0}]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("uncredited", Text(SampleStates.Small()), StringComparison.Ordinal);
        Assert.Equal(SampleStates.Full().Orders.Uncredited.ToArray(), Read(text).Orders.Uncredited.ToArray());
    }

    [Fact]
    public void A_converted_send_and_its_journeys_start_are_kept_and_written_only_when_known()
    {
        var full = SampleStates.Full();
        var started = NodaTime.Instant.FromUtc(2026, 11, 20, 10, 0);
        var ledger = new SentMessageLedger([.. full.Ledger.Entries.Select(e => e.MessageId == "m-4" ? e with { JourneyStartedAt = started } : e)]);
        var converted = full with { Ledger = ledger.WithConverted("m-4").WithOutcomeRecorded("m-4") };

        var text = Text(converted);

        Assert.Contains("\"messageId\":\"m-4\",\"attributionWindow\":\"PT1.5S\",\"outcomeRecorded\":true,\"converted\":true,\"journeyStartedAt\":\"2026-11-20T10:00:00Z\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("converted", Text(full), StringComparison.Ordinal);
        StateAssert.Equal(converted, Read(text));
        Assert.True(Read(text).Ledger.Entries.Single(e => e.MessageId == "m-4").Converted);
    }

    [Fact]
    public void A_sends_recorded_verdict_is_kept_and_written_only_once_recorded()
    {
        var full = SampleStates.Full();
        var recorded = full with { Ledger = full.Ledger.WithOutcomeRecorded("m-4") };

        var text = Text(recorded);

        Assert.Contains("\"messageId\":\"m-4\",\"attributionWindow\":\"PT1.5S\",\"outcomeRecorded\":true}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outcomeRecorded", Text(full), StringComparison.Ordinal);
        StateAssert.Equal(recorded, Read(text));
        Assert.True(Read(text).Ledger.Entries.Single(e => e.MessageId == "m-4").OutcomeRecorded);
    }

    /// <summary>Reads a JSON text laid out over several lines for the eye as the one line it is.</summary>
    static string OneLine(string text) => text.ReplaceLineEndings("");

    [Fact]
    public void The_document_reads_like_this()
    {
        Assert.Equal(OneLine("""
            {"schema":2,"id":"c-42","customerId":"c-42","profile":{"email":"somchai@example.com","emailConsent":true,"emailConsentAt":"2026-11-22T09:00:00Z"},
            "cart":[{"sku":"LAP-14","name":"Laptop 14","price":32900,"quantity":1,"currency":"THB"}],
            "clocks":{"lastCartActivity":"2026-11-22T10:00:00Z","lastSeen":"2026-11-22T10:00:00Z"},"orders":{"count":0},"browse":{"viewsSinceReset":0},
            "nextTimerToken":2,"journeys":[{"trigger":"abandoned_cart","state":"armed","step":1,"dueAt":"2026-11-22T11:00:00Z","token":1,
            "run":{"startedAt":"2026-11-22T10:00:00Z"},"lastStartedAt":"2026-11-22T10:00:00Z"}],
            "seen":{"ids":["evt-1"],"at":["2026-11-22T10:00:00Z"]},
            "timeline":[{"at":"2026-11-22T10:00:00Z","type":"journey.entered","customerId":"c-42","trigger":"abandoned_cart"}]}
            """), Text(SampleStates.Small()));
    }

    [Fact]
    public void A_deferred_journey_and_a_ledger_entry_keep_their_path_choice_and_window()
    {
        var text = Text(SampleStates.Full());
        Assert.Contains(OneLine("""
            {"trigger":"vip_cart","state":"deferred","step":2,"until":"2026-11-23T08:00:00Z","token":8,
            "run":{"startedAt":"2026-11-21T10:00:00Z","previousStepResolvedAt":"2026-11-21T11:00:00Z"},
            "choice":{"trigger":"vip_cart","step":2,"branch":"vip","variant":"B","channels":["push","email"],"template":"cart-vip-b"},
            "lastStartedAt":"2026-11-21T10:00:00Z"}
            """), text, StringComparison.Ordinal);
        Assert.Contains(OneLine("""
            {"at":"2026-11-21T11:00:00Z","trigger":"abandoned_cart","step":2,"branch":"vip","variant":"B","channel":"email",
            "messageId":"m-2","holdout":true,"attributionWindow":"P3D"}
            """), text, StringComparison.Ordinal);
        Assert.Contains("\"attributionWindow\":\"PT1H30M\"", text, StringComparison.Ordinal);
        Assert.Contains("\"attributionWindow\":\"PT1.5S\"", text, StringComparison.Ordinal);
        Assert.Contains("\"firstName\":\"สมชาย \\\"Sam\\\"\\n\\\\\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_overload_writes_the_same_bytes()
    {
        var state = SampleStates.Full();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            CustomerDocument.Serialize(json, state);
        Assert.Equal(CustomerDocument.Serialize(state), stream.ToArray());
    }

    [Fact]
    public void Threads_serializing_at_once_each_get_their_own_bytes()
    {
        var states = new[] { SampleStates.Full(), SampleStates.Small(), SampleStates.Tombstone() };
        var expected = states.Select(CustomerDocument.Serialize).ToArray();
        Parallel.For(0, 3_000, i => Assert.Equal(expected[i % 3], CustomerDocument.Serialize(states[i % 3])));
    }

    [Fact]
    public void A_store_s_own_fields_beside_the_document_are_ignored()
    {
        var text = Text(SampleStates.Small());
        var withMetadata = """{"_etag":"\"0000\"","_ts":1732269600,""" + text[1..];
        StateAssert.Equal(SampleStates.Small(), Read(withMetadata));
    }

    [Theory]
    [InlineData("""{"schema":3,"id":"c-42","customerId":"c-42","nextTimerToken":1}""", "schema 3 is not one this build reads (it reads schemas 1 to 2)")]
    [InlineData("""{"schema":0,"id":"c-42","customerId":"c-42","nextTimerToken":1}""", "schema 0 is not one this build reads")]
    [InlineData("""{"id":"c-42","customerId":"c-42","nextTimerToken":1}""", "no \"schema\"")]
    [InlineData("""{"schema":"1","id":"c-42","customerId":"c-42","nextTimerToken":1}""", "no \"schema\"")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"schema":1""", "not valid JSON")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1} {}""", "not valid JSON")]
    [InlineData("""{"schema":1,"id":"c-42","nextTimerToken":1}""", "Neither 'customerId' nor 'anonymousId'")]
    [InlineData("""{"schema":1,"id":"c-7","customerId":"c-42","nextTimerToken":1}""", "not the profile key")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42"}""", "'nextTimerToken' is missing")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"journeys":[{"trigger":"t","state":"paused"}]}""", "paused")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"journeys":[{"trigger":"t","state":"armed","step":1,"token":1,"run":{"startedAt":"2026-11-22T10:00:00Z"}}]}""", "'dueAt' is missing")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"cart":{"sku":"x"}}""", "'cart' must be an array")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":["evt-1"]}""", "seen id must be a JSON object")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["evt-1"],"at":["2026-11-22T10:00:00Z"]}}""", "(schema 1) is damaged: 'seen' must be an array")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":[{"id":"evt-1","at":"2026-11-22T10:00:00Z"}]}""", "(schema 2) is damaged: 'seen' must be an object of two arrays")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["evt-1"]}}""", "'seen.at' is missing")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":"evt-1","at":["2026-11-22T10:00:00Z"]}}""", "'seen.ids' must be an array, got String")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["evt-1","evt-2"],"at":["2026-11-22T10:00:00Z"]}}""", "'seen.ids' holds 2 ids but 'seen.at' 1 instants")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["evt-1",2],"at":["2026-11-22T10:00:00Z",0]}}""", "'seen.ids' item 1 must be a string, got Number")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["evt-1"],"at":[10]}}""", "'seen.at' item 0 is a number of ticks, but the first item must be an ISO 8601 instant")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00.000000001Z",10]}}""", "'seen.at' item 1 is a number of ticks, but item 0 is not a whole number of ticks")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00Z",1.5]}}""", "'seen.at' item 1 must be a whole number of ticks between -9007199254740991 and 9007199254740991, got 1.5")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00Z",9007199254740992]}}""", "got 9007199254740992")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00Z",-9223372036854775808]}}""", "got -9223372036854775808")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["9999-12-31T23:59:59Z",10000000]}}""", "'seen.at' item 1 (10000000 ticks on) falls outside the instants NodaTime supports")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00Z",true]}}""", "'seen.at' item 1 must be an ISO 8601 instant or a whole number of ticks, got True")]
    [InlineData("""{"schema":2,"id":"c-42","customerId":"c-42","nextTimerToken":1,"seen":{"ids":["a","b"],"at":["2026-11-22T10:00:00Z","2026-02-30T10:00:00Z"]}}""", "'seen.at' item 1: 'seen.at' must be an ISO 8601 instant")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"ledger":[{"at":"2026-11-22T10:00:00Z","trigger":"t","step":1,"channel":"sms","messageId":"m","attributionWindow":"P3D"}]}""", "sms")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"ledger":[{"at":"2026-11-22T10:00:00Z","trigger":"t","step":1,"channel":"push","messageId":"m","attributionWindow":"P1M"}]}""", "'attributionWindow'")]
    [InlineData("""{"schema":1,"id":"c-42","customerId":"c-42","nextTimerToken":1,"timeline":[{"at":"2026-11-22T10:00:00Z","type":"message.bounced"}]}""", "message.bounced")]
    public void A_document_this_build_cannot_read_is_a_clear_exception(string json, string mentions)
    {
        var error = Assert.Throws<CustomerDocumentException>(() => Read(json));
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A document as schema 1 wrote it (the sample with every field set, before consent was dated) still
    /// reads, and is rewritten as schema 2.
    /// </summary>
    [Fact]
    public void A_stored_schema_1_document_reads_and_is_saved_as_schema_2()
    {
        var stored = File.ReadAllBytes(RepositoryFiles.PathOf("tests/JourneyTriggers.Core.Tests/Customers/Documents/Fixtures/customer-schema-1.json"));
        Assert.StartsWith("""{"schema":1,""", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);

        var read = CustomerDocument.Deserialize(stored);

        var full = SampleStates.Full();
        // Consent said before statements were dated is taken as said at the customer's last activity, the latest it can be.
        var lastSeen = full.Clocks.LastSeen;
        Assert.NotNull(lastSeen);
        // Nor did it keep orders no reminder was credited with.
        var undated = full with
        {
            Profile = full.Profile with { EmailConsent = new ConsentStatement(true, lastSeen), PushConsent = new ConsentStatement(false, lastSeen) },
            Orders = full.Orders with { Uncredited = [] },
        };
        StateAssert.Equal(undated, read);
        var rewritten = CustomerDocument.Serialize(read);
        Assert.Equal(CustomerDocument.Serialize(undated), rewritten);
        Assert.Contains(""","seen":{"ids":["evt-1","evt-2"],"at":["2026-11-22T10:00:00Z",10000000]},""", Encoding.UTF8.GetString(rewritten), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_schema_names_its_version_for_the_operator()
    {
        var error = Assert.Throws<CustomerDocumentException>(() => Read("""{"schema":7,"customerId":"c-42"}"""));
        Assert.Equal(7, error.Schema);
    }
}
