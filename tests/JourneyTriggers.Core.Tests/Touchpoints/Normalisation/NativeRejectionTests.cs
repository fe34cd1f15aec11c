using System.Text.Json.Nodes;
using JourneyTriggers.Core.Customers;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class NativeRejectionTests
{
    [Theory]
    [InlineData("id", "id: missing")]
    [InlineData("type", "type: missing")]
    [InlineData("timestamp", "timestamp: missing")]
    public void Each_required_field_is_named_when_missing(string field, string reason)
    {
        Assert.Equal(reason, Rejected(Without(Native("app.opened"), field)).Reason);
    }

    [Fact]
    public void A_customer_needs_at_least_one_id()
    {
        var rejected = Rejected(Without(Native("app.opened"), "customerId"));

        Assert.Equal("customerId/anonymousId: at least one is required", rejected.Reason);
        Assert.Equal("evt-1", rejected.EventId);
        Assert.Null(rejected.Customer);
    }

    [Theory]
    [InlineData("cart.item_added")]
    [InlineData("cart.item_removed")]
    [InlineData("product.viewed")]
    public void Product_events_need_a_sku(string type)
    {
        Assert.Equal("properties.sku: missing", Rejected(Native(type, """{"name":"Laptop 14"}""")).Reason);
        Assert.Equal("properties.sku: missing", Rejected(Native(type)).Reason);
    }

    [Theory]
    [InlineData("push.registered")]
    [InlineData("push.unregistered")]
    public void Push_events_need_an_installation(string type)
    {
        Assert.Equal("properties.installationId: missing", Rejected(Native(type, """{"platform":"apns"}""")).Reason);
    }

    [Theory]
    [InlineData("message.opened")]
    [InlineData("message.clicked")]
    public void Message_events_need_a_message_id(string type)
    {
        Assert.Equal("properties.messageId: missing", Rejected(Native(type)).Reason);
    }

    [Theory]
    [InlineData("id", "42", "id: expected a string, got 42")]
    [InlineData("id", "\"\"", "id: must not be blank")]
    [InlineData("id", "\"  \"", "id: must not be blank")]
    [InlineData("type", "true", "type: expected a string, got true")]
    [InlineData("customerId", "{\"id\":1}", "customerId: expected a string, got an object")]
    [InlineData("customerId", "\"\"", "customerId: must not be blank")]
    [InlineData("customerId", "\"c5\\u0000x\"", "customerId: contains the control character U+0000 at 3; ids are printable text")]
    [InlineData("id", "\"evt-1\\nINFO forged\"", "id: contains the control character U+000A at 6; ids are printable text")]
    [InlineData("anonymousId", "\"a\\u007f\"", "anonymousId: contains the control character U+007F at 2; ids are printable text")]
    [InlineData("customerId", "\"..\"", "customerId: \"..\" cannot be told apart from a path step in /api/customers/{id}; use another id")]
    [InlineData("anonymousId", "\".\"", "anonymousId: \".\" cannot be told apart from a path step in /api/customers/{id}; use another id")]
    [InlineData("customerId", "\"anon:v-1\"", "customerId: \"anon:v-1\" starts with \"anon:\", which marks anonymous profiles; send a visitor's id as the anonymous id instead")]
    [InlineData("source", "[\"web\"]", "source: expected a string, got an array")]
    [InlineData("timestamp", "1763805600000", "timestamp: expected a string, got 1763805600000")]
    [InlineData("properties", "\"LAP-14\"", "properties: expected an object, got \"LAP-14\"")]
    public void A_known_field_of_the_wrong_json_type_is_refused(string field, string value, string reason)
    {
        Assert.Equal(reason, Rejected(With(Native("product.viewed", """{"sku":"LAP-14"}"""), field, JsonNode.Parse(value))).Reason);
    }

    [Theory]
    [InlineData("""{"sku":"LAP-14","price":"abc"}""", "properties.price: expected a number, got \"abc\"")]
    [InlineData("""{"sku":"LAP-14","price":"32900"}""", "properties.price: expected a number, got \"32900\"")]
    [InlineData("""{"sku":"LAP-14","price":-1}""", "properties.price: must not be negative, got -1")]
    [InlineData("""{"sku":"LAP-14","price":1e400}""", "properties.price: 1e400 is out of range")]
    [InlineData("""{"sku":7}""", "properties.sku: expected a string, got 7")]
    [InlineData("""{"sku":"LAP-14","name":false}""", "properties.name: expected a string, got false")]
    [InlineData("""{"sku":"LAP-14","currency":1}""", "properties.currency: expected a string, got 1")]
    [InlineData("""{"sku":"LAP-14","url":{}}""", "properties.url: expected a string, got an object")]
    [InlineData("""{"sku":"LAP-14","imageUrl":[]}""", "properties.imageUrl: expected a string, got an array")]
    [InlineData("""{"sku":"LAP-14","quantity":0}""", "properties.quantity: expected a positive integer, got 0")]
    [InlineData("""{"sku":"LAP-14","quantity":-2}""", "properties.quantity: expected a positive integer, got -2")]
    [InlineData("""{"sku":"LAP-14","quantity":1.5}""", "properties.quantity: expected a positive integer, got 1.5")]
    [InlineData("""{"sku":"LAP-14","quantity":"2"}""", "properties.quantity: expected a positive integer, got \"2\"")]
    [InlineData("""{"sku":"LAP-14","quantity":3000000000}""", "properties.quantity: must be at most 1000000, got 3000000000")]
    [InlineData("""{"sku":"LAP-14","quantity":1e30}""", "properties.quantity: expected a positive integer, got 1e30")]
    [InlineData("""{"sku":"LAP-14","price":50000000000000000000000000000,"quantity":2}""", "properties.price: must be at most 1000000000000000, got 50000000000000000000000000000")]
    public void Cart_item_added_properties_are_type_checked(string properties, string reason)
    {
        Assert.Equal(reason, Rejected(Native("cart.item_added", properties)).Reason);
    }

    [Theory]
    [InlineData("cart.item_removed", """{"sku":"LAP-14","quantity":0}""", "properties.quantity: expected a positive integer, got 0")]
    [InlineData("checkout.started", """{"cartValue":"100"}""", "properties.cartValue: expected a number, got \"100\"")]
    [InlineData("checkout.started", """{"currency":840}""", "properties.currency: expected a string, got 840")]
    [InlineData("order.completed", """{"revenue":"lots"}""", "properties.revenue: expected a number, got \"lots\"")]
    [InlineData("order.completed", """{"revenue":5e28}""", "properties.revenue: must be at most 1000000000000000, got 5e28")]
    [InlineData("order.completed", """{"orderId":77}""", "properties.orderId: expected a string, got 77")]
    [InlineData("consent.updated", """{"email":"yes"}""", "properties.email: expected true or false, got \"yes\"")]
    [InlineData("consent.updated", """{"push":1}""", "properties.push: expected true or false, got 1")]
    [InlineData("push.registered", """{"installationId":"i-1","platform":"gcm"}""", "properties.platform: \"gcm\" is not one of apns, fcmv1, wns")]
    [InlineData("push.registered", """{"installationId":"i-1","pushChannel":5}""", "properties.pushChannel: expected a string, got 5")]
    [InlineData("push.unregistered", """{"installationId":""}""", "properties.installationId: must not be blank")]
    [InlineData("message.clicked", """{"messageId":["m"]}""", "properties.messageId: expected a string, got an array")]
    [InlineData("customer.identified", """{"timeZone":"Mars/Olympus"}""", "properties.timeZone: \"Mars/Olympus\" is not an IANA time zone")]
    [InlineData("customer.identified", """{"email":true}""", "properties.email: expected a string, got true")]
    [InlineData("customer.identified", """{"email":""}""", "properties.email: must not be blank; leave the field out when there is no address")]
    [InlineData("customer.identified", """{"email":"not-an-email"}""", "properties.email: not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)")]
    [InlineData("customer.identified", """{"email":"a@b.c\r\nBcc: evil@x.com"}""", "properties.email: not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)")]
    [InlineData("customer.identified", """{"email":"Ann <ann@example.com>"}""", "properties.email: not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)")]
    [InlineData("customer.identified", """{"email":"a@b@example.com"}""", "properties.email: not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)")]
    [InlineData("customer.identified", """{"email":"ann@"}""", "properties.email: not an email address (expected name@domain, without spaces, commas, quotes or angle brackets)")]
    [InlineData("customer.identified", """{"tier":3}""", "properties.tier: expected a string, got 3")]
    public void Each_types_properties_are_checked(string type, string properties, string reason)
    {
        Assert.Equal(reason, Rejected(Native(type, properties)).Reason);
    }

    [Fact]
    public void Identity_fields_under_traits_are_named_by_their_place()
    {
        var json = With(Native("customer.identified"), "traits", JsonNode.Parse("""{"firstName":1,"timeZone":"Asia/Bangkokk"}"""));

        Assert.Equal(
            "traits.firstName: expected a string, got 1; traits.timeZone: \"Asia/Bangkokk\" is not an IANA time zone",
            Rejected(json).Reason);
    }

    [Fact]
    public void Traits_of_the_wrong_type_are_refused_on_customer_identified()
    {
        Assert.Equal("traits: expected an object, got \"gold\"", Rejected(With(Native("customer.identified"), "traits", "gold")).Reason);
    }

    [Theory]
    [InlineData("id", 256)]
    [InlineData("customerId", 256)]
    [InlineData("source", 256)]
    [InlineData("type", 256)]
    public void Ids_longer_than_the_limit_are_refused(string field, int limit)
    {
        var json = With(Native("app.opened"), field, new string('x', limit + 1));

        Assert.Equal($"{field}: longer than {limit} characters", Rejected(json).Reason);
        Assert.IsNotType<JourneyTriggers.Core.Touchpoints.Normalisation.TouchpointReading.Rejected>(Read(With(Native("app.opened"), field, new string('x', limit))));
    }

    [Theory]
    [InlineData("sku", 256)]
    [InlineData("currency", 256)]
    [InlineData("name", 2000)]
    [InlineData("url", 2000)]
    [InlineData("imageUrl", 2000)]
    public void Product_strings_longer_than_the_limit_are_refused(string field, int limit)
    {
        var properties = new JsonObject { ["sku"] = "LAP-14", [field] = new string('x', limit + 1) };

        Assert.Equal($"properties.{field}: longer than {limit} characters", Rejected(Native("product.viewed", properties.ToJsonString())).Reason);
    }

    [Fact]
    public void Offending_strings_are_quoted_and_cut_at_forty_characters()
    {
        var reason = Rejected(Native("cart.item_added", $$"""{"sku":"LAP-14","price":"{{new string('9', 50)}}"}""")).Reason;

        Assert.Equal($"properties.price: expected a number, got \"{new string('9', 40)}…\"", reason);
    }

    [Fact]
    public void Quotes_and_control_characters_in_offending_values_are_escaped()
    {
        var reason = Rejected(Native("cart.item_added", """{"sku":"LAP-14","price":"a\"b\nc"}""")).Reason;

        Assert.Equal("properties.price: expected a number, got \"a\\\"b\\u000ac\"", reason);
    }

    [Fact]
    public void Several_problems_are_joined_in_document_order_with_missing_fields_last()
    {
        var reason = Rejected("""
            { "timestamp": "yesterday", "type": "cart.item_added", "id": 5,
              "properties": { "quantity": 0, "price": "abc" } }
            """).Reason;

        Assert.Equal(
            "timestamp: \"yesterday\" is not an ISO 8601 date-time; id: expected a string, got 5; "
            + "properties.quantity: expected a positive integer, got 0; properties.price: expected a number, got \"abc\"; "
            + "properties.sku: missing; customerId/anonymousId: at least one is required",
            reason);
    }

    [Fact]
    public void A_rejection_keeps_the_id_and_customer_it_could_read()
    {
        var rejected = Rejected(With(Native("cart.item_added", """{"price":"abc"}"""), "anonymousId", "a-9"));

        Assert.Equal("evt-1", rejected.EventId);
        Assert.Equal(new CustomerRef("c-42", "a-9"), rejected.Customer);
    }

    [Fact]
    public void Duplicate_keys_read_the_last_value()
    {
        var json = Native("cart.item_added", """{"sku":"LAP-14","quantity":"two","quantity":2}""");

        Assert.Equal(2, Accepted<JourneyTriggers.Core.Touchpoints.CartItemAdded>(json).Quantity);
    }

    [Fact]
    public void A_last_duplicate_that_is_null_leaves_the_field_absent()
    {
        var json = Native("cart.item_added", """{"sku":"LAP-14","quantity":2,"quantity":null}""");

        Assert.Equal(1, Accepted<JourneyTriggers.Core.Touchpoints.CartItemAdded>(json).Quantity);
    }

    [Fact]
    public void Property_names_written_with_escapes_are_read_by_their_text()
    {
        var json = """{"\u0069d":"evt-1","type":"cart.item_added","customerId":"c-42","timestamp":"2026-11-22T10:00:00Z","properties":{"sk\u0075":"LAP-14","quantity":"two","qu\u0061ntity":3}}""";

        var added = Accepted<JourneyTriggers.Core.Touchpoints.CartItemAdded>(json);

        Assert.Equal(("evt-1", "LAP-14", 3), (added.Id.Value, added.Product.Sku, added.Quantity));
    }

    [Theory]
    [InlineData("[]", "expected a JSON object, got an array")]
    [InlineData("\"evt\"", "expected a JSON object, got \"evt\"")]
    [InlineData("3", "expected a JSON object, got 3")]
    [InlineData("null", "expected a JSON object, got null")]
    public void Something_other_than_an_object_is_refused(string json, string reason)
    {
        Assert.Equal(reason, Rejected(json).Reason);
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_is_refused_with_its_path()
    {
        var json = Native("cart.item_added", """{"sku":"LAP-14","name":"Laptop \ud800"}""");

        var rejected = Rejected(json);

        Assert.Equal("properties.name: not valid Unicode text", rejected.Reason);
    }
}
