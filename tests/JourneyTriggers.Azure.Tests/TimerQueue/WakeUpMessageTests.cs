using System.Text.Json;
using JourneyTriggers.Azure.TimerQueue;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.TimerQueue;

public sealed class WakeUpMessageTests
{
    static readonly TimerDue Timer = new("abandoned_cart", new TimerToken(7), Instant.FromUtc(2026, 11, 23, 3, 6));
    const string Text = """{"key":"c-1002","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-23T03:06:00Z"}""";

    [Fact]
    public void The_message_names_customer_trigger_token_and_due_instant_and_nothing_the_host_would_promote_over_its_metadata()
    {
        var text = WakeUpMessage.Format(ProfileKey.ForCustomer("c-1002"), Timer);

        Assert.Equal(Text, text);
        string[] hostMetadata = ["id", "dequeueCount", "popReceipt", "insertionTime", "expirationTime", "nextVisibleTime", "sys", "queueTrigger"];
        foreach (var field in JsonDocument.Parse(text).RootElement.EnumerateObject())
            Assert.DoesNotContain(field.Name, hostMetadata, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_anonymous_key_with_any_characters_round_trips()
    {
        var key = ProfileKey.ForAnonymous("ไทย \"quoted\" / 1");

        Assert.Equal(new WakeUpParseResult.Parsed(key, Timer), WakeUpMessage.Parse(WakeUpMessage.Format(key, Timer)));
    }

    [Fact]
    public void The_host_delivered_text_is_read_as_is_or_still_wrapped_in_a_json_string()
    {
        var expected = new WakeUpParseResult.Parsed(ProfileKey.ForCustomer("c-1002"), Timer);

        Assert.Equal(expected, WakeUpMessage.Parse(Text));
        Assert.Equal(expected, WakeUpMessage.Parse(JsonSerializer.Serialize(Text)));
    }

    [Fact]
    public void Fields_a_newer_producer_adds_are_ignored()
    {
        var parsed = WakeUpMessage.Parse("""{"key":"c-1","trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z","reason":"chained"}""");

        Assert.IsType<WakeUpParseResult.Parsed>(parsed);
    }

    [Theory]
    [InlineData("wake c-1002 abandoned_cart 7", "is not JSON")]
    [InlineData("", "is not JSON")]
    [InlineData("[1,2]", "must be a JSON object with key, trigger, token and dueAt; got Array")]
    [InlineData("\"not json inside\"", "is a JSON string whose content is not JSON")]
    [InlineData("""{"trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z"}""", "'key' is missing")]
    [InlineData("""{"key":"","trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z"}""", "'key' is empty")]
    [InlineData("""{"key":42,"trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z"}""", "'key' must be a string, got 42")]
    [InlineData("""{"key":"c-1","trigger":"t","token":"7","dueAt":"2026-11-23T03:06:00Z"}""", "'token' must be a whole JSON number, got \"7\"")]
    [InlineData("""{"key":"c-1","trigger":"t","token":1.5,"dueAt":"2026-11-23T03:06:00Z"}""", "'token' must be a whole JSON number, got 1.5")]
    [InlineData("""{"key":"c-1","trigger":"t","dueAt":"2026-11-23T03:06:00Z"}""", "'token' is missing")]
    [InlineData("""{"key":"c-1","trigger":"t","token":1,"dueAt":"11/23/2026 03:06:00"}""", "'dueAt' must be an ISO 8601 UTC instant like 2026-11-23T03:06:00Z, got 11/23/2026 03:06:00")]
    [InlineData("""{"key":"c-1","token":1}""", "'trigger' is missing; 'dueAt' is missing")]
    public void A_malformed_message_is_a_failure_naming_what_is_wrong(string text, string problem)
    {
        var result = Assert.IsType<WakeUpParseResult.Malformed>(WakeUpMessage.Parse(text));

        Assert.StartsWith("Timer wake-up message ", result.Problem);
        Assert.Contains(problem, result.Problem);
    }

    [Fact]
    public void A_delivery_wake_up_names_customer_reminder_and_due_instant_and_reads_back()
    {
        var key = ProfileKey.ForCustomer("c-1002");
        var dueAt = Instant.FromUtc(2026, 11, 23, 3, 6, 30);

        var text = WakeUpMessage.FormatDelivery(key, "m-abandoned_cart-1-7", dueAt);

        Assert.Equal("""{"key":"c-1002","delivery":"m-abandoned_cart-1-7","dueAt":"2026-11-23T03:06:30Z"}""", text);
        Assert.Equal(new WakeUpParseResult.DeliveryDue(key, "m-abandoned_cart-1-7", dueAt), WakeUpMessage.Parse(text));
        Assert.Equal(new WakeUpParseResult.DeliveryDue(key, "m-abandoned_cart-1-7", dueAt), WakeUpMessage.Parse(JsonSerializer.Serialize(text)));
    }

    [Fact]
    public void A_wake_up_queued_again_says_how_many_times_and_one_never_queued_again_reads_as_none()
    {
        var key = ProfileKey.ForCustomer("c-1002");

        Assert.Equal(Text[..^1] + ""","retry":3}""", WakeUpMessage.Format(key, Timer, 3));
        Assert.Equal(new WakeUpParseResult.Parsed(key, Timer, 3), WakeUpMessage.Parse(WakeUpMessage.Format(key, Timer, 3)));
        Assert.Equal(new WakeUpParseResult.DeliveryDue(key, "m-1", Timer.DueAt, 12), WakeUpMessage.Parse(WakeUpMessage.FormatDelivery(key, "m-1", Timer.DueAt, 12)));
        Assert.Equal(new WakeUpParseResult.Parsed(key, Timer, 0), WakeUpMessage.Parse(Text));
    }

    [Theory]
    [InlineData("""{"key":"c-1","trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z","retry":-1}""")]
    [InlineData("""{"key":"c-1","trigger":"t","token":1,"dueAt":"2026-11-23T03:06:00Z","retry":"2"}""")]
    [InlineData("""{"key":"c-1","delivery":"m-1","dueAt":"2026-11-23T03:06:00Z","retry":1.5}""")]
    public void A_retry_count_that_is_not_a_whole_number_0_or_more_is_named(string text)
    {
        var result = Assert.IsType<WakeUpParseResult.Malformed>(WakeUpMessage.Parse(text));

        Assert.Contains("'retry' must be a whole JSON number, 0 or more, got ", result.Problem);
    }

    [Theory]
    [InlineData("""{"delivery":"m-1","dueAt":"2026-11-23T03:06:00Z"}""", "'key' is missing")]
    [InlineData("""{"key":"c-1","delivery":"","dueAt":"2026-11-23T03:06:00Z"}""", "'delivery' is empty")]
    [InlineData("""{"key":"c-1","delivery":7,"dueAt":"2026-11-23T03:06:00Z"}""", "'delivery' must be a string, got 7")]
    [InlineData("""{"key":"c-1","delivery":"m-1"}""", "'dueAt' is missing")]
    public void A_malformed_delivery_wake_up_names_what_is_wrong(string text, string problem)
    {
        var result = Assert.IsType<WakeUpParseResult.Malformed>(WakeUpMessage.Parse(text));

        Assert.Contains(problem, result.Problem);
    }

    [Fact]
    public void An_erasure_sweep_names_customer_erasure_item_and_due_instant_and_reads_back()
    {
        var key = ProfileKey.ForCustomer("c-1002");
        var (erasedAt, dueAt) = (Instant.FromUtc(2026, 11, 23, 3, 6), Instant.FromUtc(2026, 11, 23, 4, 6));

        var text = WakeUpMessage.FormatErasureSweep(key, erasedAt, "AQIDBA==", dueAt);

        Assert.Equal("""{"key":"c-1002","erasure":"2026-11-23T03:06:00Z","item":"AQIDBA==","dueAt":"2026-11-23T04:06:00Z"}""", text);
        Assert.Equal(new WakeUpParseResult.ErasureSweepDue(key, erasedAt, "AQIDBA==", dueAt), WakeUpMessage.Parse(JsonSerializer.Serialize(text)));
        Assert.Equal(new WakeUpParseResult.ErasureSweepDue(key, erasedAt, null, dueAt),
            WakeUpMessage.Parse(WakeUpMessage.FormatErasureSweep(key, erasedAt, null, dueAt)));
    }

    [Theory]
    [InlineData("""{"erasure":"2026-11-23T03:06:00Z","dueAt":"2026-11-23T04:06:00Z"}""", "'key' is missing")]
    [InlineData("""{"key":"c-1","erasure":"yesterday","dueAt":"2026-11-23T04:06:00Z"}""", "'erasure' must be an ISO 8601 UTC instant like 2026-11-23T03:06:00Z, got yesterday")]
    [InlineData("""{"key":"c-1","erasure":"2026-11-23T03:06:00Z"}""", "'dueAt' is missing")]
    public void A_malformed_erasure_sweep_names_what_is_wrong(string text, string problem)
    {
        var result = Assert.IsType<WakeUpParseResult.Malformed>(WakeUpMessage.Parse(text));

        Assert.Contains(problem, result.Problem);
    }

    [Fact]
    public void A_malformed_message_is_quoted_only_in_part()
    {
        var result = Assert.IsType<WakeUpParseResult.Malformed>(WakeUpMessage.Parse(new string('x', 10_000)));

        Assert.True(result.Problem.Length < 400, result.Problem);
    }
}
