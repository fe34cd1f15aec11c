using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class SegmentCallTests
{
    /// <summary>A track call as analytics.js sends it.</summary>
    static string Track(string name, string properties = "{}") => $$"""
        { "type": "track", "event": "{{name}}", "messageId": "ajs-1", "userId": "c-42", "anonymousId": "a-9",
          "timestamp": "2026-11-22T10:00:00Z", "properties": {{properties}} }
        """;

    [Fact]
    public void Track_reads_the_common_fields()
    {
        var opened = Accepted<AppOpened>(Track("Application Opened"));

        Assert.Equal(new TouchpointId("ajs-1"), opened.Id);
        Assert.Equal(new CustomerRef("c-42", "a-9"), opened.Customer);
        Assert.Equal(EventTime, opened.Timestamp);
    }

    [Fact]
    public void Product_viewed_maps_segment_product_properties()
    {
        var viewed = Accepted<ProductViewed>(Track("Product Viewed", """
            { "product_id": "507f1f77", "sku": "LAP-14", "name": "Laptop 14", "price": 32900, "currency": "THB",
              "url": "https://shop.example/p/LAP-14", "image_url": "https://shop.example/i/LAP-14.jpg" }
            """));

        Assert.Equal(
            new ProductInfo("LAP-14", "Laptop 14", 32900m, "THB", "https://shop.example/p/LAP-14", "https://shop.example/i/LAP-14.jpg"),
            viewed.Product);
    }

    [Fact]
    public void The_product_id_stands_in_for_a_missing_sku()
    {
        Assert.Equal("507f1f77", Accepted<ProductViewed>(Track("Product Viewed", """{"product_id":"507f1f77"}""")).Product.Sku);
    }

    [Fact]
    public void Product_added_maps_to_cart_item_added()
    {
        var added = Accepted<CartItemAdded>(Track("Product Added", """{"sku":"LAP-14","quantity":3,"price":10}"""));

        Assert.Equal(("LAP-14", 3, 10m), (added.Product.Sku, added.Quantity, added.Product.Price));
        Assert.Equal(1, Accepted<CartItemAdded>(Track("Product Added", """{"sku":"LAP-14"}""")).Quantity);
    }

    [Fact]
    public void Product_removed_maps_to_cart_item_removed()
    {
        var removed = Accepted<CartItemRemoved>(Track("Product Removed", """{"product_id":"507f1f77","quantity":1}"""));

        Assert.Equal(("507f1f77", (int?)1), (removed.Sku, removed.Quantity));
        Assert.Null(Accepted<CartItemRemoved>(Track("Product Removed", """{"sku":"LAP-14"}""")).Quantity);
    }

    [Fact]
    public void Cart_viewed_maps_to_cart_viewed()
    {
        Assert.Equal(new TouchpointId("ajs-1"), Accepted<CartViewed>(Track("Cart Viewed")).Id);
    }

    [Theory]
    [InlineData("""{"value":120.5,"revenue":99,"currency":"USD"}""", 120.5)]
    [InlineData("""{"revenue":99,"currency":"USD"}""", 99)]
    public void Checkout_started_takes_value_else_revenue_as_the_cart_value(string properties, decimal cartValue)
    {
        var started = Accepted<CheckoutStarted>(Track("Checkout Started", properties));

        Assert.Equal((cartValue, "USD"), (started.CartValue, started.Currency));
    }

    [Theory]
    [InlineData("""{"order_id":"o-7","revenue":25,"total":30,"currency":"USD"}""", "o-7", 25)]
    [InlineData("""{"order_id":"o-7","total":30,"currency":"USD"}""", "o-7", 30)]
    public void Order_completed_takes_revenue_else_total(string properties, string orderId, decimal revenue)
    {
        var order = Accepted<OrderCompleted>(Track("Order Completed", properties));

        Assert.Equal((orderId, revenue, "USD"), (order.OrderId, order.Revenue, order.Currency));
    }

    [Fact]
    public void Order_completed_without_order_id_uses_the_message_id()
    {
        var order = Accepted<OrderCompleted>(Track("Order Completed"));

        Assert.Equal(("ajs-1", 0m), (order.OrderId, order.Revenue));
    }

    [Fact]
    public void Event_names_match_whatever_their_case()
    {
        Assert.Equal("LAP-14", Accepted<CartItemAdded>(Track("product added", """{"sku":"LAP-14"}""")).Product.Sku);
    }

    [Fact]
    public void Other_track_names_are_accepted_as_unrecognised()
    {
        Assert.Equal("Signed Up", Accepted<UnrecognisedTouchpoint>(Track("Signed Up", """{"plan":7}""")).Type);
    }

    [Fact]
    public void Identify_maps_traits_to_customer_identified()
    {
        var identified = Accepted<CustomerIdentified>("""
            { "type": "identify", "messageId": "ajs-2", "userId": "c-42", "anonymousId": "a-9",
              "timestamp": "2026-11-22T10:00:00Z",
              "traits": { "email": "somchai@example.com", "first_name": "Somchai", "locale": "th-TH",
                          "timezone": "Asia/Bangkok", "tier": "gold", "plan": "pro" } }
            """);

        Assert.Equal(new CustomerRef("c-42", "a-9"), identified.Customer);
        Assert.Equal(
            ("somchai@example.com", "Somchai", "th-TH", "Asia/Bangkok", "gold"),
            (identified.Email, identified.FirstName, identified.Locale, identified.TimeZone, identified.Tier));
    }

    [Fact]
    public void Identify_accepts_camel_case_traits()
    {
        var identified = Accepted<CustomerIdentified>("""
            { "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
              "traits": { "firstName": "Malee", "timeZone": "Europe/London" } }
            """);

        Assert.Equal(("Malee", "Europe/London"), (identified.FirstName, identified.TimeZone));
    }

    [Fact]
    public void Identify_fills_locale_and_time_zone_from_context_and_traits_win()
    {
        var fromContext = Accepted<CustomerIdentified>("""
            { "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
              "context": { "locale": "en-GB", "timezone": "Europe/London" } }
            """);
        var fromTraits = Accepted<CustomerIdentified>("""
            { "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
              "context": { "locale": "en-GB", "timezone": "Europe/London" },
              "traits": { "locale": "th-TH", "timezone": "Asia/Bangkok" } }
            """);

        Assert.Equal(("en-GB", "Europe/London"), (fromContext.Locale, fromContext.TimeZone));
        Assert.Equal(("th-TH", "Asia/Bangkok"), (fromTraits.Locale, fromTraits.TimeZone));
    }

    [Theory]
    [InlineData("page")]
    [InlineData("screen")]
    public void A_page_or_screen_naming_a_product_is_a_product_view(string type)
    {
        var viewed = Accepted<ProductViewed>($$"""
            { "type": "{{type}}", "name": "Laptop 14", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
              "properties": { "product_id": "LAP-14", "url": "https://shop.example/p/LAP-14" } }
            """);

        Assert.Equal(new ProductInfo("LAP-14", null, null, null, "https://shop.example/p/LAP-14", null), viewed.Product);
    }

    [Theory]
    [InlineData("page")]
    [InlineData("screen")]
    [InlineData("alias")]
    [InlineData("group")]
    public void Other_calls_are_accepted_as_unrecognised(string type)
    {
        var unrecognised = Accepted<UnrecognisedTouchpoint>($$"""
            { "type": "{{type}}", "name": "Home", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z",
              "properties": { "url": "https://shop.example/" } }
            """);

        Assert.Equal(type, unrecognised.Type);
    }

    [Theory]
    [InlineData("\"originalTimestamp\": \"2026-11-22T10:00:00Z\", \"sentAt\": \"2026-11-22T10:00:05Z\"")]
    [InlineData("\"sentAt\": \"2026-11-22T10:00:00Z\"")]
    public void Without_a_timestamp_the_recorded_then_the_sent_time_is_used(string times)
    {
        var json = $$"""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", {{times}} }""";

        Assert.Equal(EventTime, Accepted<CartViewed>(json).Timestamp);
    }

    [Theory]
    [InlineData("""{ "device": { "type": "ios" } }""", "ios")]
    [InlineData("""{ "device": { "type": "Android" } }""", "android")]
    [InlineData("""{ "library": { "name": "analytics.js", "version": "2.11.1" } }""", "web")]
    [InlineData("""{ "library": { "name": "analytics-next" } }""", "web")]
    [InlineData("""{ "library": { "name": "analytics-swift" } }""", "ios")]
    [InlineData("""{ "library": { "name": "analytics-ios" } }""", "ios")]
    [InlineData("""{ "library": { "name": "analytics-kotlin" } }""", "android")]
    [InlineData("""{ "library": { "name": "analytics-android" } }""", "android")]
    [InlineData("""{ "device": { "type": "android" }, "library": { "name": "analytics.js" } }""", "android")]
    [InlineData("""{ "app": { "name": "Shop" }, "library": { "name": "analytics-python" } }""", null)]
    [InlineData("""{ "device": { "type": 5 }, "library": "analytics.js" }""", null)]
    [InlineData("""{}""", null)]
    public void The_source_is_guessed_from_the_sdk_context(string context, string? source)
    {
        var json = $$"""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "context": {{context}} }""";

        Assert.Equal(source, Accepted<CartViewed>(json).Source);
    }

    [Fact]
    public void A_call_without_type_is_recognised_by_its_segment_fields()
    {
        var added = Accepted<CartItemAdded>("""
            { "event": "Product Added", "anonymousId": "a-9", "timestamp": "2026-11-22T10:00:00Z", "properties": { "sku": "LAP-14" } }
            """);
        var identified = Accepted<CustomerIdentified>("""
            { "traits": { "email": "x@example.com" }, "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }
            """);

        Assert.Equal(CustomerRef.Anonymous("a-9"), added.Customer);
        Assert.Equal("x@example.com", identified.Email);
    }

    [Fact]
    public void A_route_forces_the_call_type()
    {
        var json = """{ "event": "Cart Viewed", "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""";

        Assert.IsType<CartViewed>(Accepted<Touchpoint>(ReadSegment(json, "track")));
        Assert.IsType<CustomerIdentified>(Accepted<Touchpoint>(ReadSegment(json, null)));
    }

    [Fact]
    public void Forcing_something_other_than_a_call_type_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadSegment("{}", "batch"));
    }

    [Theory]
    [InlineData("""{ "type": "track", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "event: missing")]
    [InlineData("""{ "type": "track", "event": "", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "event: must not be blank")]
    [InlineData("""{ "type": "track", "event": 5, "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "event: expected a string, got 5")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "timestamp": "2026-11-22T10:00:00Z" }""", "userId/anonymousId: at least one is required")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": 42, "timestamp": "2026-11-22T10:00:00Z" }""", "userId: expected a string, got 42")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": "c-42" }""", "timestamp: missing")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00" }""", "timestamp: \"2026-11-22T10:00:00\" has no UTC offset")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "sentAt": "soon" }""", "sentAt: \"soon\" is not an ISO 8601 date-time")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "messageId": 9 }""", "messageId: expected a string, got 9")]
    [InlineData("""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "context": "web" }""", "context: expected an object, got \"web\"")]
    [InlineData("""{ "type": "track", "event": "Product Added", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "name": "Laptop" } }""", "properties.sku/product_id: at least one is required")]
    [InlineData("""{ "type": "track", "event": "Product Viewed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "properties.sku/product_id: at least one is required")]
    [InlineData("""{ "type": "track", "event": "Product Removed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "product_id": 507 } }""", "properties.product_id: expected a string, got 507")]
    [InlineData("""{ "type": "track", "event": "Product Added", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "sku": "LAP-14", "price": "abc" } }""", "properties.price: expected a number, got \"abc\"")]
    [InlineData("""{ "type": "track", "event": "Product Added", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "sku": "LAP-14", "image_url": 1 } }""", "properties.image_url: expected a string, got 1")]
    [InlineData("""{ "type": "track", "event": "Checkout Started", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "value": "12" } }""", "properties.value: expected a number, got \"12\"")]
    [InlineData("""{ "type": "track", "event": "Order Completed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "total": true } }""", "properties.total: expected a number, got true")]
    [InlineData("""{ "type": "track", "event": "Order Completed", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "properties": { "order_id": "" } }""", "properties.order_id: must not be blank")]
    [InlineData("""{ "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "traits": { "email": 5 } }""", "traits.email: expected a string, got 5")]
    [InlineData("""{ "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "traits": { "timezone": "Mars/Olympus" } }""", "traits.timezone: \"Mars/Olympus\" is not an IANA time zone")]
    [InlineData("""{ "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "traits": { "email": " " } }""", "traits.email: must not be blank; leave the field out when there is no address")]
    [InlineData("""{ "type": "Track", "event": "Order Completed", "userId": "c-42", "messageId": "m-1", "timestamp": "2026-11-22T10:00:00Z" }""", "type: \"Track\" is not a Segment call type (track, identify, page, screen, alias, group)")]
    [InlineData("""{ "type": "IDENTIFY", "userId": "c-42", "messageId": "m-1", "timestamp": "2026-11-22T10:00:00Z" }""", "type: \"IDENTIFY\" is not a Segment call type (track, identify, page, screen, alias, group)")]
    [InlineData("""{ "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "context": { "timezone": "GMT+7" } }""", "context.timezone: \"GMT+7\" is not an IANA time zone")]
    [InlineData("""{ "type": "identify", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z", "traits": [] }""", "traits: expected an object, got an array")]
    [InlineData("""{ "type": "identify", "userId": "anon:v-1", "anonymousId": "v-1", "timestamp": "2026-11-22T10:00:00Z" }""", "userId: \"anon:v-1\" starts with \"anon:\", which marks anonymous profiles; send a visitor's id as the anonymous id instead")]
    public void Segment_problems_are_named_by_segment_paths(string json, string reason)
    {
        Assert.Equal(reason, Rejected(json).Reason);
    }

    [Theory]
    [InlineData("""{ "type": "follow", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "type: \"follow\" is not a Segment call type (track, identify, page, screen, alias, group)")]
    [InlineData("""{ "messageId": "m-1", "userId": "c-42", "timestamp": "2026-11-22T10:00:00Z" }""", "type: missing")]
    public void A_segment_route_refuses_calls_it_cannot_type(string json, string reason)
    {
        Assert.Equal(reason, Rejected(ReadSegment(json, null)).Reason);
    }

    [Theory]
    [InlineData("\"timestamp\": \"2026-11-24T11:55:00Z\", \"sentAt\": \"2026-11-24T12:00:00Z\"", "2026-11-22T11:55:00Z")]
    [InlineData("\"originalTimestamp\": \"2026-11-22T08:55:00Z\", \"sentAt\": \"2026-11-22T09:00:00Z\"", "2026-11-22T11:55:00Z")]
    [InlineData("\"sentAt\": \"2026-11-20T09:00:00Z\"", "2026-11-22T12:00:00Z")]
    // What corrects nothing: a call Segment already received (and corrected), a sentAt before the event, not a time, or not a string.
    [InlineData("\"timestamp\": \"2026-10-01T10:00:00Z\", \"sentAt\": \"2026-10-01T10:00:01Z\", \"receivedAt\": \"2026-10-01T10:00:02Z\"", "2026-10-01T10:00:00Z")]
    [InlineData("\"timestamp\": \"2026-11-22T11:00:00Z\", \"sentAt\": \"2026-11-22T10:00:00Z\"", "2026-11-22T11:00:00Z")]
    [InlineData("\"timestamp\": \"2026-11-22T11:00:00Z\", \"sentAt\": \"soon\"", "2026-11-22T11:00:00Z")]
    [InlineData("\"timestamp\": \"2026-11-22T11:00:00Z\", \"sentAt\": 17", "2026-11-22T11:00:00Z")]
    public void A_live_host_corrects_the_devices_clock_by_when_the_call_was_sent(string times, string expected)
    {
        var json = $$"""{ "type": "track", "event": "Cart Viewed", "userId": "c-42", {{times}} }""";

        Assert.Equal(expected, Accepted<CartViewed>(json, Now).Timestamp.ToString());
    }

    [Fact]
    public void Simulate_which_knows_no_arrival_reads_the_time_the_call_gives() =>
        Assert.Equal("2026-11-24T11:55:00Z", Accepted<CartViewed>(
            """{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2026-11-24T11:55:00Z", "sentAt": "2026-11-24T12:00:00Z" }""").Timestamp.ToString());

    [Fact]
    public void Future_segment_timestamps_are_refused_with_a_clock()
    {
        var json = """{ "type": "track", "event": "Cart Viewed", "userId": "c-42", "timestamp": "2031-01-01T00:00:00Z" }""";

        Assert.Equal("timestamp: 2031-01-01T00:00:00Z is more than 24 h in the future", Rejected(json, Now).Reason);
        Assert.IsType<CartViewed>(Accepted<Touchpoint>(json));
    }

    [Fact]
    public void Segment_problems_follow_document_order()
    {
        var reason = Rejected("""
            { "type": "track", "properties": { "price": "abc" }, "userId": 1, "event": "Product Added", "timestamp": "2026-11-22T10:00:00Z" }
            """).Reason;

        Assert.Equal(
            "properties.price: expected a number, got \"abc\"; properties.sku/product_id: at least one is required; userId: expected a string, got 1",
            reason);
    }

    [Fact]
    public void Segment_text_may_be_quoted_with_unicode()
    {
        var viewed = Accepted<ProductViewed>(Track("Product Viewed", """{"sku":"LAP-14","name":"แล็ปท็อป 14"}"""));

        Assert.Equal("แล็ปท็อป 14", viewed.Product.Name);
    }

    [Fact]
    public void A_rejected_call_keeps_its_message_id_and_customer()
    {
        var rejected = Rejected(Track("Product Added", """{"price":"abc"}"""));

        Assert.Equal("ajs-1", rejected.EventId);
        Assert.Equal(new CustomerRef("c-42", "a-9"), rejected.Customer);
    }
}
