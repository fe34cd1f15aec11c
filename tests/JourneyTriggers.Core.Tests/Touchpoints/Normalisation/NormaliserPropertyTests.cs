using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Touchpoints.Normalisation;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

/// <summary>Whatever arrives, reading answers with touchpoints or reasons, never with an exception.</summary>
public class NormaliserPropertyTests
{
    internal static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 12, 0);

    // Known names and values make random objects reach deep into the readers instead of failing on the first field.
    static readonly string[] Names =
    [
        "id", "type", "timestamp", "customerId", "anonymousId", "source", "properties", "traits", "sku", "name", "price",
        "quantity", "currency", "url", "imageUrl", "cartValue", "orderId", "revenue", "email", "firstName", "locale",
        "timeZone", "tier", "push", "installationId", "platform", "pushChannel", "messageId", "userId", "event",
        "sentAt", "originalTimestamp", "context", "device", "library", "timezone", "product_id", "image_url", "value",
        "total", "order_id", "first_name", "specversion", "time", "data", "data_base64",
    ];

    internal static readonly string[] Words =
    [
        "product.viewed", "cart.item_added", "cart.item_removed", "cart.viewed", "cart.cleared", "checkout.started",
        "order.completed", "session.started", "app.opened", "customer.identified", "consent.updated", "push.registered",
        "push.unregistered", "message.opened", "message.clicked", "track", "identify", "page", "screen", "alias", "group",
        "Product Viewed", "Product Added", "Order Completed", "Checkout Started", "1.0", "0.3", "apns", "Asia/Bangkok",
        "Mars/Olympus", "2026-11-22T10:00:00Z", "2026-11-22T10:00:00", "2031-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00",
        "ios", "analytics.js", "", " ",
    ];

    static readonly Gen<string> Scalar = Gen.Frequency(
        (3, Gen.OneOf(Words).Select(w => JsonSerializer.Serialize(w))),
        (2, Gen.String.Select(s => JsonSerializer.Serialize(s))),
        (1, Gen.Const("\"\\ud800\"")),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Decimal.Select(d => d.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("true", "false", "null", "1e400", "-0", "0.5", "-1")));

    static readonly Gen<string> Name = Gen.Frequency(
        (6, Gen.OneOf(Names)),
        (1, Gen.String)).Select(n => JsonSerializer.Serialize(n));

    internal static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (2, Gen.Select(Name, value).Array[0, 8].Select(ToObject)),
            (1, value.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"))));

    internal static readonly Gen<string> Object = Gen.Select(Name, Value).Array[0, 12].Select(ToObject);

    static string ToObject((string Name, string Value)[] members) =>
        "{" + string.Join(",", members.Select(m => $"{m.Name}:{m.Value}")) + "}";

    static void AssertAnswered(TouchpointReading reading)
    {
        if (reading is TouchpointReading.Rejected rejected)
        {
            Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        }
    }

    [Fact]
    public void Random_objects_are_read_without_throwing()
    {
        Object.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            AssertAnswered(TouchpointNormaliser.Read(document.RootElement, Now));
            AssertAnswered(TouchpointNormaliser.Read(document.RootElement, null));
            AssertAnswered(TouchpointNormaliser.ReadSegment(document.RootElement, "track", Now));
            AssertAnswered(TouchpointNormaliser.ReadSegment(document.RootElement, null, null));
        }, iter: 3000);
    }

    [Fact]
    public void Random_json_values_as_bodies_are_read_without_throwing()
    {
        Gen.Frequency((3, Object), (1, Value)).Array[0, 5]
            .Sample(values =>
            {
                foreach (var readings in new[]
                {
                    TouchpointNormaliser.ReadBody(Encoding.UTF8.GetBytes(string.Join("\n", values)), Now),
                    TouchpointNormaliser.ReadBody(Encoding.UTF8.GetBytes("[" + string.Join(",", values) + "]"), null),
                })
                {
                    foreach (var reading in readings)
                    {
                        AssertAnswered(reading);
                    }
                }
            }, iter: 2000);
    }

    [Fact]
    public void Random_text_and_bytes_as_bodies_are_read_without_throwing()
    {
        Gen.String.Sample(text =>
        {
            foreach (var reading in TouchpointNormaliser.ReadBody(Encoding.UTF8.GetBytes(text), Now))
            {
                AssertAnswered(reading);
            }
        }, iter: 2000);

        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            foreach (var reading in TouchpointNormaliser.ReadBody(bytes, null))
            {
                AssertAnswered(reading);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Random_binary_cloud_events_are_read_without_throwing()
    {
        var headers = Gen.Select(Gen.OneOf("specversion", "id", "type", "time", "source", "Id"), Gen.Frequency((3, Gen.OneOf(Words)), (1, Gen.String)))
            .Array[0, 6]
            .Select(pairs => (IReadOnlyDictionary<string, string>)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

        Gen.Select(headers, Gen.Frequency((3, Object), (1, Value), (1, Gen.String)))
            .Sample((attributes, data) =>
                AssertAnswered(TouchpointNormaliser.ReadCloudEventBinary(attributes, Encoding.UTF8.GetBytes(data), Now)),
                iter: 2000);
    }
}
