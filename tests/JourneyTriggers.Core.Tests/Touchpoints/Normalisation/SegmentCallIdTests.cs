using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class SegmentCallIdTests
{
    const string Call = """
        { "type": "track", "event": "Product Added", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
          "sentAt": "2026-11-22T10:00:03Z", "properties": { "sku": "LAP-14", "quantity": 1 } }
        """;

    static string IdOf(TouchpointReading reading) => Accepted<Touchpoint>(reading).Id.Value;

    static string IdOf(string json) => IdOf(Read(json));

    [Fact]
    public void A_call_without_message_id_gets_a_sha256_id()
    {
        Assert.Matches("^seg-[0-9a-f]{64}$", IdOf(Call));
    }

    [Fact]
    public void The_same_call_gets_the_same_id()
    {
        Assert.Equal(IdOf(Call), IdOf(Call));
    }

    [Fact]
    public void Key_order_whitespace_and_escapes_do_not_change_the_id()
    {
        const string rewritten = """
            {"properties":{"quantity":1,"sku":"LAP\u002d14"},"timestamp":"2026-11-22T10:00:00Z","userId":"c-42",
             "sentAt":"2026-11-22T10:00:03Z","event":"Product Added","type":"track"}
            """;

        Assert.Equal(IdOf(Call), IdOf(rewritten));
    }

    [Fact]
    public void A_retry_restamped_with_a_new_sent_at_keeps_its_id()
    {
        Assert.Equal(IdOf(Call), IdOf(With(Call, "sentAt", "2026-11-22T10:05:00Z")));
        Assert.Equal(IdOf(Call), IdOf(Without(Call, "sentAt")));
    }

    [Fact]
    public void When_sent_at_is_the_event_time_it_distinguishes_calls()
    {
        var first = Without(Call, "timestamp");

        Assert.NotEqual(IdOf(first), IdOf(With(first, "sentAt", "2026-11-22T10:05:00Z")));
    }

    [Fact]
    public void A_different_call_gets_a_different_id()
    {
        Assert.NotEqual(IdOf(Call), IdOf(Call.Replace("\"quantity\": 1", "\"quantity\": 2", StringComparison.Ordinal)));
        Assert.NotEqual(IdOf(Call), IdOf(With(Call, "userId", "c-43")));
    }

    [Fact]
    public void A_route_supplied_type_gives_the_same_id_as_a_spelled_out_one()
    {
        Assert.Equal(IdOf(Call), IdOf(ReadSegment(Without(Call, "type"), "track")));
        Assert.Equal(IdOf(Call), IdOf(Without(Call, "type")));
    }

    [Fact]
    public void A_message_id_is_used_as_it_is()
    {
        Assert.Equal("ajs-77", IdOf(With(Call, "messageId", "ajs-77")));
    }

    [Fact]
    public void A_derived_id_also_names_an_order_without_order_id()
    {
        var order = With(Call, "event", "Order Completed");

        var completed = Accepted<OrderCompleted>(order);

        Assert.Equal(completed.Id.Value, completed.OrderId);
        Assert.StartsWith("seg-", completed.OrderId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_call_without_message_id_still_reports_its_derived_id()
    {
        var rejected = Rejected(With(Call, "properties", System.Text.Json.Nodes.JsonNode.Parse("""{"sku":"LAP-14","quantity":0}""")));

        Assert.Matches("^seg-[0-9a-f]{64}$", rejected.EventId);
    }
}
