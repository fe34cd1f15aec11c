using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Touchpoints;
using NodaTime;
using static JourneyTriggers.Core.Tests.Touchpoints.Normalisation.Reading;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

public class NativeTouchpointTests
{
    [Fact]
    public void Product_viewed_carries_every_product_field_and_the_common_ones()
    {
        var viewed = Accepted<ProductViewed>("""
            { "id": "evt-0001", "type": "product.viewed", "customerId": "c-42", "anonymousId": "a-9",
              "timestamp": "2026-11-22T10:00:00Z", "source": "web",
              "properties": { "sku": "LAP-14", "name": "Laptop 14", "price": 32900, "currency": "THB",
                              "url": "https://shop.example/p/LAP-14", "imageUrl": "https://shop.example/i/LAP-14.jpg" } }
            """);

        Assert.Equal(new TouchpointId("evt-0001"), viewed.Id);
        Assert.Equal(new CustomerRef("c-42", "a-9"), viewed.Customer);
        Assert.Equal(EventTime, viewed.Timestamp);
        Assert.Equal("web", viewed.Source);
        Assert.Equal(
            new ProductInfo("LAP-14", "Laptop 14", 32900m, "THB", "https://shop.example/p/LAP-14", "https://shop.example/i/LAP-14.jpg"),
            viewed.Product);
    }

    [Fact]
    public void Product_fields_other_than_the_sku_may_be_left_out()
    {
        var viewed = Accepted<ProductViewed>(Native("product.viewed", """{"sku":"LAP-14"}"""));

        Assert.Equal(new ProductInfo("LAP-14", null, null, null, null, null), viewed.Product);
        Assert.Null(viewed.Source);
    }

    [Fact]
    public void Cart_item_added_reads_the_product_and_quantity()
    {
        var added = Accepted<CartItemAdded>(Native("cart.item_added", """{"sku":"LAP-14","name":"Laptop 14","price":329.50,"quantity":2,"currency":"THB"}"""));

        Assert.Equal(new ProductInfo("LAP-14", "Laptop 14", 329.50m, "THB", null, null), added.Product);
        Assert.Equal(2, added.Quantity);
    }

    [Fact]
    public void A_quantity_written_with_a_decimal_point_is_that_whole_number()
    {
        Assert.Equal(2, Accepted<CartItemAdded>(Native("cart.item_added", "{\"sku\":\"LAP-14\",\"quantity\":2.0}")).Quantity);
    }

    [Fact]
    public void Cart_item_added_without_quantity_adds_one()
    {
        Assert.Equal(1, Accepted<CartItemAdded>(Native("cart.item_added", """{"sku":"LAP-14"}""")).Quantity);
    }

    [Fact]
    public void Cart_item_removed_reads_sku_and_quantity()
    {
        var removed = Accepted<CartItemRemoved>(Native("cart.item_removed", """{"sku":"LAP-14","quantity":1}"""));

        Assert.Equal("LAP-14", removed.Sku);
        Assert.Equal(1, removed.Quantity);
    }

    [Fact]
    public void Cart_item_removed_without_quantity_removes_the_line()
    {
        Assert.Null(Accepted<CartItemRemoved>(Native("cart.item_removed", """{"sku":"LAP-14"}""")).Quantity);
    }

    [Theory]
    [InlineData("cart.viewed", typeof(CartViewed))]
    [InlineData("cart.cleared", typeof(CartCleared))]
    [InlineData("session.started", typeof(SessionStarted))]
    [InlineData("app.opened", typeof(AppOpened))]
    public void Types_without_properties_map_to_their_record(string type, Type expected)
    {
        var touchpoint = Accepted<Touchpoint>(Native(type));

        Assert.IsType(expected, touchpoint);
        Assert.Equal(type, touchpoint.TypeName);
        Assert.Equal(new TouchpointId("evt-1"), touchpoint.Id);
        Assert.Equal(CustomerRef.Known("c-42"), touchpoint.Customer);
        Assert.Equal(EventTime, touchpoint.Timestamp);
    }

    [Fact]
    public void Checkout_started_may_carry_cart_value_and_currency()
    {
        var started = Accepted<CheckoutStarted>(Native("checkout.started", """{"cartValue":65800,"currency":"THB"}"""));

        Assert.Equal(65800m, started.CartValue);
        Assert.Equal("THB", started.Currency);
    }

    [Fact]
    public void Checkout_started_needs_no_properties()
    {
        var started = Accepted<CheckoutStarted>(Native("checkout.started"));

        Assert.Null(started.CartValue);
        Assert.Null(started.Currency);
    }

    [Fact]
    public void Order_completed_reads_order_id_revenue_and_currency()
    {
        var order = Accepted<OrderCompleted>(Native("order.completed", """{"orderId":"o-7","revenue":65800,"currency":"THB"}"""));

        Assert.Equal("o-7", order.OrderId);
        Assert.Equal(65800m, order.Revenue);
        Assert.Equal("THB", order.Currency);
    }

    [Fact]
    public void Order_completed_defaults_order_id_to_the_event_id_and_revenue_to_zero()
    {
        var order = Accepted<OrderCompleted>(Native("order.completed"));

        Assert.Equal("evt-1", order.OrderId);
        Assert.Equal(0m, order.Revenue);
        Assert.Null(order.Currency);
    }

    [Fact]
    public void Customer_identified_reads_its_fields_from_properties()
    {
        var identified = Accepted<CustomerIdentified>(Native("customer.identified",
            """{"email":"somchai@example.com","firstName":"Somchai","locale":"th-TH","timeZone":"Asia/Bangkok","tier":"gold"}"""));

        Assert.Equal(
            ("somchai@example.com", "Somchai", "th-TH", "Asia/Bangkok", "gold"),
            (identified.Email, identified.FirstName, identified.Locale, identified.TimeZone, identified.Tier));
    }

    [Fact]
    public void Customer_identified_also_reads_traits_and_properties_win()
    {
        var json = With(Native("customer.identified", """{"email":"p@example.com"}"""), "traits",
            System.Text.Json.Nodes.JsonNode.Parse("""{"email":"t@example.com","firstName":"Malee","timeZone":"Europe/London"}"""));

        var identified = Accepted<CustomerIdentified>(json);

        Assert.Equal("p@example.com", identified.Email);
        Assert.Equal("Malee", identified.FirstName);
        Assert.Equal("Europe/London", identified.TimeZone);
    }

    [Fact]
    public void Customer_identified_with_both_ids_keeps_both_for_the_merge()
    {
        var identified = Accepted<CustomerIdentified>(With(Native("customer.identified"), "anonymousId", "a-9"));

        Assert.Equal(new CustomerRef("c-42", "a-9"), identified.Customer);
        Assert.Null(identified.Email);
    }

    [Fact]
    public void Consent_updated_reads_both_flags()
    {
        var consent = Accepted<ConsentUpdated>(Native("consent.updated", """{"email":false,"push":true}"""));

        Assert.Equal((false, true), (consent.Email, consent.Push));
    }

    [Fact]
    public void Consent_updated_leaves_unmentioned_channels_unknown()
    {
        var consent = Accepted<ConsentUpdated>(Native("consent.updated", """{"push":false}"""));

        Assert.Null(consent.Email);
        Assert.False(consent.Push);
    }

    [Fact]
    public void Push_registered_reads_installation_platform_and_channel()
    {
        var registered = Accepted<PushRegistered>(Native("push.registered", """{"installationId":"inst-1","platform":"fcmv1","pushChannel":"tok-123"}"""));

        Assert.Equal(("inst-1", "fcmv1", "tok-123"), (registered.InstallationId, registered.Platform, registered.PushChannel));
    }

    [Fact]
    public void Push_registered_needs_only_the_installation()
    {
        var registered = Accepted<PushRegistered>(Native("push.registered", """{"installationId":"inst-1"}"""));

        Assert.Null(registered.Platform);
        Assert.Null(registered.PushChannel);
    }

    [Fact]
    public void Push_unregistered_reads_the_installation()
    {
        Assert.Equal("inst-1", Accepted<PushUnregistered>(Native("push.unregistered", """{"installationId":"inst-1"}""")).InstallationId);
    }

    [Fact]
    public void Message_opened_and_clicked_read_the_message_id()
    {
        Assert.Equal("m-1", Accepted<MessageOpened>(Native("message.opened", """{"messageId":"m-1"}""")).MessageId);
        Assert.Equal("m-2", Accepted<MessageClicked>(Native("message.clicked", """{"messageId":"m-2"}""")).MessageId);
    }

    [Fact]
    public void An_unknown_type_is_accepted_as_unrecognised()
    {
        var unrecognised = Accepted<UnrecognisedTouchpoint>(Native("wishlist.item_added", """{"sku":42}"""));

        Assert.Equal("wishlist.item_added", unrecognised.Type);
        Assert.Equal("wishlist.item_added", unrecognised.TypeName);
    }

    [Theory]
    [InlineData("Page")]
    [InlineData("GROUP")]
    public void An_unknown_type_that_is_a_segment_call_type_in_another_case_is_still_an_unknown_native_type(string type)
    {
        Assert.Equal(type, Accepted<UnrecognisedTouchpoint>(Native(type)).Type);
    }

    [Fact]
    public void Unknown_fields_and_properties_are_ignored()
    {
        var json = With(Native("cart.item_added", """{"sku":"LAP-14","colour":{"r":1},"giftWrap":"yes"}"""), "experiment", 7);

        Assert.Equal("LAP-14", Accepted<CartItemAdded>(json).Product.Sku);
    }

    [Fact]
    public void Properties_a_type_does_not_use_are_not_checked()
    {
        Assert.Equal("LAP-14", Accepted<CartItemRemoved>(Native("cart.item_removed", """{"sku":"LAP-14","price":"free"}""")).Sku);
    }

    [Fact]
    public void An_anonymous_customer_is_enough()
    {
        var json = With(Without(Native("app.opened"), "customerId"), "anonymousId", "a-9");

        Assert.Equal(CustomerRef.Anonymous("a-9"), Accepted<AppOpened>(json).Customer);
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        var added = Accepted<CartItemAdded>("""
            { "id": "evt-1", "type": "cart.item_added", "anonymousId": null, "customerId": "c-42", "source": null,
              "timestamp": "2026-11-22T10:00:00Z", "properties": { "sku": "LAP-14", "quantity": null, "price": null } }
            """);

        Assert.Equal(1, added.Quantity);
        Assert.Null(added.Product.Price);
        Assert.Equal(CustomerRef.Known("c-42"), added.Customer);
        Assert.Null(added.Source);
    }

    [Fact]
    public void A_timestamp_with_an_offset_becomes_the_same_instant()
    {
        var opened = Accepted<AppOpened>(With(Native("app.opened"), "timestamp", "2026-11-22T17:00:00.250+07:00"));

        Assert.Equal(EventTime + Duration.FromMilliseconds(250), opened.Timestamp);
    }
}
