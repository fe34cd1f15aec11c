using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class ReadBodyTests
{
    static readonly string Viewed = Native("product.viewed", """{"sku":"LAP-14"}""");
    static readonly string Opened = With(Native("app.opened"), "id", "evt-2");
    const string SegmentAdded = """{"type":"track","event":"Product Added","messageId":"ajs-3","userId":"c-42","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"LAP-14"}}""";
    const string CloudEventCleared = """{"specversion":"1.0","id":"ce-4","type":"cart.cleared","source":"/shop","time":"2026-11-22T10:00:00Z","data":{"customerId":"c-42"}}""";

    [Fact]
    public void One_object_is_one_event()
    {
        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(Assert.Single(ReadBody(Viewed))));
    }

    [Fact]
    public void A_pretty_printed_object_is_one_event()
    {
        var body = """
            {
              "id": "evt-1", "type": "app.opened",
              "customerId": "c-42", "timestamp": "2026-11-22T10:00:00Z"
            }
            """;

        Assert.IsType<AppOpened>(Accepted<Touchpoint>(Assert.Single(ReadBody(body))));
    }

    [Fact]
    public void An_array_keeps_its_good_events_and_names_its_bad_elements()
    {
        var body = $"[{Viewed}, 42, {Without(Opened, "timestamp")}, \"evt\", {SegmentAdded}]";

        var readings = ReadBody(body);

        Assert.Equal(5, readings.Count);
        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(readings[0]));
        Assert.Equal("[1]: expected a JSON object, got 42", Rejected(readings[1]).Reason);
        Assert.Equal(("evt-2", "timestamp: missing"), (Rejected(readings[2]).EventId, Rejected(readings[2]).Reason));
        Assert.Equal("[3]: expected a JSON object, got \"evt\"", Rejected(readings[3]).Reason);
        Assert.IsType<CartItemAdded>(Accepted<Touchpoint>(readings[4]));
    }

    [Fact]
    public void An_empty_array_holds_no_events()
    {
        Assert.Empty(ReadBody("[ ]"));
    }

    [Fact]
    public void An_element_nested_deeper_than_the_parser_allows_costs_only_itself()
    {
        var deep = "{\"id\":\"deep\",\"properties\":{\"x\":" + new string('[', 200) + new string(']', 200) + "}}";
        var body = $"[{Viewed}, {deep}, {Opened}]";

        var readings = ReadBody(body);

        Assert.Equal(3, readings.Count);
        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(readings[0]));
        Assert.StartsWith("[1]: invalid JSON: The maximum configured depth of 64 has been exceeded", Rejected(readings[1]).Reason, StringComparison.Ordinal);
        Assert.IsType<AppOpened>(Accepted<Touchpoint>(readings[2]));
    }

    [Fact]
    public void A_broken_array_is_one_problem_at_its_line()
    {
        var body = $"[\n{Viewed},\n{{\"id\": }}\n]";

        var rejected = Rejected(Assert.Single(ReadBody(body)));

        Assert.StartsWith("line 3: invalid JSON: ", rejected.Reason, StringComparison.Ordinal);
        Assert.Null(rejected.EventId);
    }

    [Fact]
    public void Ndjson_mixes_formats_and_skips_blank_lines()
    {
        var body = $"{Viewed}\n\n{SegmentAdded}\r\n   \n{CloudEventCleared}\n";

        var readings = ReadBody(body);

        Assert.Collection(
            readings,
            r => Assert.IsType<ProductViewed>(Accepted<Touchpoint>(r)),
            r => Assert.IsType<CartItemAdded>(Accepted<Touchpoint>(r)),
            r => Assert.IsType<CartCleared>(Accepted<Touchpoint>(r)));
    }

    [Fact]
    public void An_invalid_ndjson_line_is_rejected_with_its_number_and_the_rest_go_on()
    {
        var body = $"{Viewed}\n\n{{\"id\":\"evt-3\",\n{Opened}\n[1,2]\nnull\n{Without(Opened, "customerId")}";

        var readings = ReadBody(body);

        Assert.Equal(6, readings.Count);
        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(readings[0]));
        Assert.StartsWith("line 3: invalid JSON: ", Rejected(readings[1]).Reason, StringComparison.Ordinal);
        Assert.IsType<AppOpened>(Accepted<Touchpoint>(readings[2]));
        Assert.Equal("line 5: expected a JSON object, got an array", Rejected(readings[3]).Reason);
        Assert.Equal("line 6: expected a JSON object, got null", Rejected(readings[4]).Reason);
        Assert.Equal("customerId/anonymousId: at least one is required", Rejected(readings[5]).Reason);
    }

    [Fact]
    public void An_invalid_line_names_what_the_parser_found()
    {
        var rejected = Rejected(Assert.Single(ReadBody("{\"id\": @}")));

        Assert.Equal("line 1: invalid JSON: '@' is an invalid start of a value (byte 8)", rejected.Reason);
    }

    [Fact]
    public void A_parser_message_echoing_a_huge_token_is_cut_short()
    {
        var rejected = Rejected(Assert.Single(ReadBody("{\"id\": n" + new string('o', 5000) + "}")));

        Assert.True(rejected.Reason.Length < 300, rejected.Reason);
        Assert.StartsWith("line 1: invalid JSON: 'noooo", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_invalid_utf8_costs_only_itself()
    {
        var body = new List<byte>();
        body.AddRange(System.Text.Encoding.UTF8.GetBytes(Viewed + "\n{\"id\":\""));
        body.AddRange(new byte[] { 0xFF, 0xFE });
        body.AddRange(System.Text.Encoding.UTF8.GetBytes("\"}\n" + Opened));

        var readings = TouchpointNormaliser.ReadBody(body.ToArray(), null);

        Assert.Equal(3, readings.Count);
        Assert.IsType<TouchpointReading.Rejected>(readings[1]);
        Assert.IsType<AppOpened>(Accepted<Touchpoint>(readings[2]));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Viewed)).ToArray();

        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(Assert.Single(TouchpointNormaliser.ReadBody(body, null))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t\n")]
    public void An_empty_body_holds_no_events(string body)
    {
        Assert.Empty(ReadBody(body));
    }

    [Fact]
    public void A_lone_scalar_body_is_refused_at_line_one()
    {
        Assert.Equal("line 1: expected a JSON object, got true", Rejected(Assert.Single(ReadBody("true"))).Reason);
    }

    [Fact]
    public void The_clock_applies_to_every_event_in_the_body()
    {
        var future = With(Opened, "timestamp", "2031-01-01T00:00:00Z");

        var readings = ReadBody($"{Viewed}\n{future}", Now);

        Assert.IsType<ProductViewed>(Accepted<Touchpoint>(readings[0]));
        Assert.Equal("timestamp: 2031-01-01T00:00:00Z is more than 24 h in the future", Rejected(readings[1]).Reason);
        Assert.IsType<AppOpened>(Accepted<Touchpoint>(ReadBody(future)[0]));
    }
}
