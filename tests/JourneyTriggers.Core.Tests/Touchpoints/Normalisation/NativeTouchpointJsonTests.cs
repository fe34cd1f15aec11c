using System.Text;
using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Touchpoints;
using JourneyTriggers.Core.Touchpoints.Normalisation;

namespace JourneyTriggers.Core.Tests.Touchpoints.Normalisation;

/// <summary>
/// The native form the Azure collector forwards to Event Hubs: whatever was read, in any format, reads back
/// from it as an equal touchpoint, so the Touchpoints function decides on exactly what the collector accepted.
/// </summary>
public class NativeTouchpointJsonTests
{
    static void AssertRoundTrips(TouchpointReading reading)
    {
        if (reading is not TouchpointReading.Accepted { Touchpoint: var touchpoint }) return;
        var native = NativeTouchpointJson.Serialize(touchpoint);
        var again = Assert.Single(TouchpointNormaliser.ReadBody(native, NormaliserPropertyTests.Now));
        var accepted = Assert.IsType<TouchpointReading.Accepted>(again);
        Assert.Equal(touchpoint, accepted.Touchpoint);
    }

    [Fact]
    public void Every_sample_event_reads_back_equal_from_its_native_form()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("samples/events.ndjson")).Where(l => l.Trim().Length > 0).ToList();
        var accepted = 0;
        foreach (var line in lines)
        {
            var reading = Assert.Single(TouchpointNormaliser.ReadBody(Encoding.UTF8.GetBytes(line), null));
            if (reading is TouchpointReading.Accepted { Touchpoint: var touchpoint })
            {
                accepted++;
                var again = Assert.IsType<TouchpointReading.Accepted>(Assert.Single(TouchpointNormaliser.ReadBody(NativeTouchpointJson.Serialize(touchpoint), null)));
                Assert.Equal(touchpoint, again.Touchpoint);
            }
        }
        Assert.True(accepted > 20, $"only {accepted} sample events were accepted");
    }

    [Fact]
    public void Random_events_of_every_format_read_back_equal_from_their_native_form()
    {
        NormaliserPropertyTests.Object.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            AssertRoundTrips(TouchpointNormaliser.Read(document.RootElement, NormaliserPropertyTests.Now));
            AssertRoundTrips(TouchpointNormaliser.ReadSegment(document.RootElement, "track", NormaliserPropertyTests.Now));
            AssertRoundTrips(TouchpointNormaliser.ReadSegment(document.RootElement, "identify", NormaliserPropertyTests.Now));
            AssertRoundTrips(TouchpointNormaliser.ReadSegment(document.RootElement, null, NormaliserPropertyTests.Now));
        }, iter: 5000);
    }

    [Theory]
    [InlineData("""{"type":"track","event":"Product Added","userId":"c-1","messageId":"m-1","timestamp":"2026-11-22T10:00:00.123456789+07:00","properties":{"product_id":"LAP-14","name":"แล็ปท็อป","price":32900.50,"image_url":"https://i/x.jpg"}}""")]
    [InlineData("""{"type":"identify","anonymousId":"a-9","userId":"c-1","messageId":"m-2","timestamp":"2026-11-22T10:00:00Z","traits":{"email":"x@example.com","first_name":"Naree","timezone":"Asia/Bangkok"}}""")]
    [InlineData("""{"type":"track","event":"Some Event We Ignore","anonymousId":"a-9","timestamp":"2026-11-22T10:00:00Z"}""")]
    [InlineData("""{"specversion":"1.0","id":"ce-1","type":"order.completed","source":"/shop","time":"2026-11-22T10:00:00Z","data":{"customerId":"c-1","properties":{"revenue":100}}}""")]
    [InlineData("""{"id":"e-1","type":"cart.item_removed","customerId":"c-1","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"A"}}""")]
    [InlineData("""{"id":"e-2","type":"consent.updated","customerId":"c-1","timestamp":"2026-11-22T10:00:00Z","properties":{"email":false}}""")]
    [InlineData("""{"id":"e-3","type":"push.registered","customerId":"c-1","timestamp":"2026-11-22T10:00:00Z","source":"ios","properties":{"installationId":"i-1","platform":"apns","pushChannel":"tok"}}""")]
    public void Each_format_reads_back_equal(string json)
    {
        using var document = JsonDocument.Parse(json);
        var reading = TouchpointNormaliser.Read(document.RootElement, NormaliserPropertyTests.Now);
        Assert.IsType<TouchpointReading.Accepted>(reading);
        AssertRoundTrips(reading);
    }

    [Fact]
    public void Text_in_any_script_is_written_as_itself()
    {
        var reading = TouchpointNormaliser.Read(JsonDocument.Parse("""{"id":"e","type":"product.viewed","customerId":"c","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"S","name":"แล็ปท็อป <b>"}}""").RootElement, null);
        var native = Encoding.UTF8.GetString(NativeTouchpointJson.Serialize(((TouchpointReading.Accepted)reading).Touchpoint));

        Assert.Contains("แล็ปท็อป", native);
        Assert.StartsWith("""{"id":"e","type":"product.viewed","customerId":"c","timestamp":"2026-11-22T10:00:00Z","properties":{"sku":"S",""", native);
    }
}
