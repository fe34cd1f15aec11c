using System.Text;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class CloudEventTests
{
    static string Structured(string data, string attributes = """ "id": "ce-1", "type": "cart.item_added", "time": "2026-11-22T10:00:00Z" """) => $$"""
        { "specversion": "1.0", "source": "https://shop.example/storefront", {{attributes}},
          "datacontenttype": "application/json", "data": {{data}} }
        """;

    static TouchpointReading Binary(string data, params (string Name, string Value)[] headers) =>
        TouchpointNormaliser.ReadCloudEventBinary(headers.ToDictionary(h => h.Name, h => h.Value), Encoding.UTF8.GetBytes(data), null);

    static readonly (string, string)[] Headers =
        [("specversion", "1.0"), ("id", "ce-1"), ("type", "cart.item_added"), ("time", "2026-11-22T10:00:00Z"), ("source", "https://shop.example")];

    [Fact]
    public void Structured_data_is_a_native_touchpoint_whose_own_fields_win()
    {
        var added = Accepted<CartItemAdded>(Structured("""
            { "id": "evt-9", "type": "cart.item_added", "timestamp": "2026-11-22T11:00:00Z", "customerId": "c-42",
              "source": "ios", "properties": { "sku": "LAP-14", "quantity": 2 } }
            """, """ "id": "ce-1", "type": "com.shop.other", "time": "2026-11-22T10:00:00Z" """));

        Assert.Equal(new TouchpointId("evt-9"), added.Id);
        Assert.Equal(EventTime + Duration.FromHours(1), added.Timestamp);
        Assert.Equal("ios", added.Source);
        Assert.Equal(("LAP-14", 2), (added.Product.Sku, added.Quantity));
    }

    [Fact]
    public void The_envelope_fills_id_type_and_time_but_not_source()
    {
        var added = Accepted<CartItemAdded>(Structured("""{ "anonymousId": "a-9", "properties": { "sku": "LAP-14" } }"""));

        Assert.Equal(new TouchpointId("ce-1"), added.Id);
        Assert.Equal(EventTime, added.Timestamp);
        Assert.Equal(CustomerRef.Anonymous("a-9"), added.Customer);
        Assert.Null(added.Source);
    }

    static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Data_sent_as_base64_is_decoded_as_the_cloud_events_json_format_asks()
    {
        var data = Base64("""{ "anonymousId": "a-9", "properties": { "sku": "LAP-14" } }""");
        var json = """{ "specversion": "1.0", "id": "ce-1", "type": "cart.item_added", "time": "2026-11-22T10:00:00Z", """
            + $$"""  "datacontenttype": "application/json; charset=utf-8", "data_base64": "{{data}}" }""";

        var added = Accepted<CartItemAdded>(json);

        Assert.Equal((new TouchpointId("ce-1"), CustomerRef.Anonymous("a-9"), "LAP-14"), (added.Id, added.Customer, added.Product.Sku));
    }

    [Theory]
    [InlineData("""{ "customerId": "c-42", "properties": { "sku": "A", "price": "abc" } }""", "", "data_base64.properties.price: expected a number, got \"abc\"")]
    [InlineData("""[1]""", "", "data_base64: expected a JSON object, got an array")]
    [InlineData("""{ "customerId": "c-42" }""", "\"datacontenttype\": \"text/plain\",", "datacontenttype: \"text/plain\" is not JSON; the data must be a touchpoint in JSON")]
    [InlineData("""{ "customerId": "c-42" }""", "\"data\": {},", "data_base64: give data or data_base64, not both")]
    public void Base64_data_is_checked_like_data(string data, string extra, string reason)
    {
        var encoded = Base64(data);
        var json = $$"""{ "specversion": "1.0", "id": "ce-1", "type": "cart.item_added", "time": "2026-11-22T10:00:00Z", {{extra}} "data_base64": "{{encoded}}" }""";

        Assert.Equal(reason, Rejected(json).Reason);
    }

    [Fact]
    public void Base64_data_that_is_not_base64_is_refused()
    {
        Assert.Equal("data_base64: not valid base64",
            Rejected("""{ "specversion": "1.0", "id": "ce-1", "type": "app.opened", "data_base64": "not base64!" }""").Reason);
    }

    [Fact]
    public void An_envelope_type_that_is_not_ours_is_accepted_as_unrecognised()
    {
        var unrecognised = Accepted<UnrecognisedTouchpoint>(Structured(
            """{ "customerId": "c-42" }""", """ "id": "ce-1", "type": "com.shop.cart.item_added", "time": "2026-11-22T10:00:00Z" """));

        Assert.Equal("com.shop.cart.item_added", unrecognised.Type);
    }

    [Theory]
    [InlineData("\"0.3\"", "specversion: \"0.3\" is not supported, expected \"1.0\"")]
    [InlineData("1.0", "specversion: expected a string, got 1.0")]
    [InlineData("null", "specversion: missing")]
    public void Only_cloud_events_one_point_zero_are_read(string version, string reason)
    {
        var json = $$"""{ "specversion": {{version}}, "id": "ce-1", "type": "app.opened", "time": "2026-11-22T10:00:00Z", "data": { "customerId": "c-42" } }""";

        Assert.Equal(reason, Rejected(json).Reason);
    }

    [Theory]
    [InlineData("""{ "specversion": "1.0", "id": "ce-1", "type": "app.opened", "time": "2026-11-22T10:00:00Z" }""", "data: missing")]
    [InlineData("""{ "specversion": "1.0", "id": "ce-1", "type": "app.opened", "data": "c-42" }""", "data: expected an object, got \"c-42\"")]
    public void Structured_mode_needs_json_data(string json, string reason)
    {
        var rejected = Rejected(json);

        Assert.Equal(reason, rejected.Reason);
        Assert.Equal("ce-1", rejected.EventId);
    }

    [Theory]
    [InlineData("""{ "customerId": "c-42" }""", "data.properties.sku: missing")]
    [InlineData("""{ "customerId": "c-42", "properties": { "sku": "LAP-14", "price": "abc" } }""", "data.properties.price: expected a number, got \"abc\"")]
    [InlineData("""{ "properties": { "sku": "LAP-14" } }""", "data.customerId/anonymousId: at least one is required")]
    [InlineData("""{ "customerId": "c-42", "timestamp": "2026-11-22T10:00:00", "properties": { "sku": "LAP-14" } }""", "data.timestamp: \"2026-11-22T10:00:00\" has no UTC offset")]
    public void Structured_problems_are_named_under_data(string data, string reason)
    {
        Assert.Equal(reason, Rejected(Structured(data)).Reason);
    }

    [Fact]
    public void A_gap_filled_from_the_envelope_is_named_by_its_attribute()
    {
        var json = Structured("""{ "customerId": "c-42", "properties": { "sku": "LAP-14" } }""", """ "id": 7, "type": "cart.item_added", "time": "noon" """);

        Assert.Equal("id: expected a string, got 7; time: \"noon\" is not an ISO 8601 date-time; data.id: missing; the envelope's id would do", Rejected(json).Reason);
    }

    [Fact]
    public void The_envelope_time_is_checked_against_the_clock()
    {
        var json = Structured("""{ "customerId": "c-42", "properties": { "sku": "LAP-14" } }""", """ "id": "ce-1", "type": "cart.item_added", "time": "2031-01-01T00:00:00Z" """);

        Assert.Equal("time: 2031-01-01T00:00:00Z is more than 24 h in the future", Rejected(json, Now).Reason);
        Assert.IsType<CartItemAdded>(Accepted<Touchpoint>(json));
    }

    [Fact]
    public void Binary_mode_reads_attributes_from_headers_and_the_touchpoint_from_the_body()
    {
        var added = Accepted<CartItemAdded>(Binary("""{ "customerId": "c-42", "properties": { "sku": "LAP-14" } }""", Headers));

        Assert.Equal(new TouchpointId("ce-1"), added.Id);
        Assert.Equal(EventTime, added.Timestamp);
        Assert.Equal(CustomerRef.Known("c-42"), added.Customer);
        Assert.Null(added.Source);
    }

    [Fact]
    public void In_binary_mode_too_the_touchpoints_own_fields_win()
    {
        var opened = Accepted<AppOpened>(Binary(Native("app.opened"), Headers));

        Assert.Equal(new TouchpointId("evt-1"), opened.Id);
    }

    [Fact]
    public void Header_names_match_whatever_their_case()
    {
        var opened = Accepted<AppOpened>(Binary("""{ "customerId": "c-42" }""",
            ("SpecVersion", "1.0"), ("ID", "ce-1"), ("Type", "app.opened"), ("Time", "2026-11-22T10:00:00Z")));

        Assert.Equal(new TouchpointId("ce-1"), opened.Id);
    }

    [Theory]
    [InlineData("0.3", "ce-specversion: \"0.3\" is not supported, expected \"1.0\"")]
    public void Binary_mode_checks_the_spec_version(string version, string reason)
    {
        Assert.Equal(reason, Rejected(Binary(Native("app.opened"), ("specversion", version))).Reason);
    }

    [Fact]
    public void Binary_mode_without_spec_version_is_refused()
    {
        Assert.Equal("ce-specversion: missing", Rejected(Binary(Native("app.opened"), ("id", "ce-1"))).Reason);
    }

    [Theory]
    [InlineData("", "data: missing")]
    [InlineData("  \r\n", "data: missing")]
    [InlineData("[1]", "data: expected a JSON object, got an array")]
    [InlineData("{ \"customerId\": \"c-\\ud800\" }", "data.customerId: not valid Unicode text")]
    public void Binary_mode_needs_a_json_object_body(string body, string reason)
    {
        var rejected = Rejected(Binary(body, Headers));

        Assert.Equal(reason, rejected.Reason);
        Assert.Equal("ce-1", rejected.EventId);
    }

    [Fact]
    public void Binary_mode_names_where_the_body_stops_being_json()
    {
        var rejected = Rejected(Binary("{ \"customerId\": x }", Headers));

        Assert.StartsWith("data: invalid JSON: 'x' is an invalid start of a value", rejected.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(byte 17)", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_neither_the_touchpoint_nor_the_headers_give_says_which_header_would_do()
    {
        var rejected = Rejected(Binary("""{ "customerId": "c-42" }""", ("specversion", "1.0")));

        Assert.Equal(
            "data.id: missing; a ce-id header would do; data.type: missing; a ce-type header would do; "
            + "data.timestamp: missing; a ce-time header would do",
            rejected.Reason);
        Assert.False(rejected.NotJson);
    }

    [Fact]
    public void A_field_neither_the_touchpoint_nor_the_envelope_give_says_the_envelope_would_do() =>
        Assert.Equal(
            "data.id: missing; the envelope's id would do; data.type: missing; the envelope's type would do; "
            + "data.timestamp: missing; the envelope's time would do",
            Rejected("""{ "specversion": "1.0", "source": "/shop", "data": { "customerId": "c-42" } }""").Reason);

    [Fact]
    public void A_binary_body_that_is_not_json_is_marked_so_the_request_is_refused_whole()
    {
        Assert.True(Rejected(Binary("{ \"customerId\": x }", Headers)).NotJson);
        // In structured mode the body is JSON: data_base64 that decodes to something else costs only its event.
        Assert.False(Rejected("""{ "specversion": "1.0", "id": "ce-1", "data_base64": "eyB4" }""").NotJson);
    }

    [Fact]
    public void Binary_problems_name_headers_first_then_the_data()
    {
        var rejected = Rejected(Binary("""{ "customerId": "c-42", "properties": { "price": -5 } }""",
            ("specversion", "1.0"), ("id", " "), ("type", "cart.item_added"), ("time", "2026-11-22T10:00:00")));

        Assert.Equal(
            "ce-id: must not be blank; ce-time: \"2026-11-22T10:00:00\" has no UTC offset; "
            + "data.properties.price: must not be negative, got -5; data.properties.sku: missing",
            rejected.Reason);
    }

    [Fact]
    public void Binary_mode_refuses_future_times_with_a_clock()
    {
        var headers = new Dictionary<string, string> { ["specversion"] = "1.0", ["id"] = "ce-1", ["type"] = "app.opened", ["time"] = "2031-01-01T00:00:00Z" };

        var reading = TouchpointNormaliser.ReadCloudEventBinary(headers, """{ "customerId": "c-42" }"""u8, Now);

        Assert.Equal("ce-time: 2031-01-01T00:00:00Z is more than 24 h in the future", Rejected(reading).Reason);
    }
}
