using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using JourneyTriggers.Application.Diagnostics;
using JourneyTriggers.Application.Ports;
using JourneyTriggers.Standalone.Outbox;
using JourneyTriggers.Standalone.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Standalone.Tests.Diagnostics;

/// <summary>
/// Issue 4's "OpenTelemetry traces and metrics" for the work no request carries: a wake-up fired, a reminder sent and
/// delivered show up as spans and as counted decisions, and none of it names the customer. Other tests run beside
/// this one on the same source and meter, so it looks for its own message and trigger, never for a total.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    const string Customer = "c-telemetry";

    readonly TempDirectory data = new();
    readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-22T04:00:00Z"));
    readonly ConcurrentQueue<Activity> spans = new();
    readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> measurements = new();
    readonly ActivityListener tracing;
    readonly MeterListener metering = new();

    public TelemetryTests()
    {
        tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Instrumentation.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
        metering.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Instrumentation.Name) listener.EnableMeasurementEvents(instrument);
        };
        metering.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        metering.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        metering.Start();
    }

    void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var named = new Dictionary<string, string?>();
        foreach (var tag in tags) named[tag.Key] = tag.Value?.ToString();
        measurements.Enqueue((instrument.Name, value, named));
    }

    public void Dispose()
    {
        tracing.Dispose();
        metering.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task A_wake_up_fired_and_its_reminder_delivered_are_spans_and_counted_decisions_that_never_name_the_customer()
    {
        using var shop = new Shop(data.Path, time, new OutboxDestinations(Email: true, Push: false));
        await shop.AbandonCartAsync(Customer);
        using var pump = shop.Pump();
        await pump.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(61));
        await Eventually.Holds(() => MessageId() is not null, time, what: "step 1 sent");
        await pump.StopAsync(CancellationToken.None);
        var messageId = MessageId()!;
        using var dispatcher = shop.Dispatcher(new FakeEmailSender(null, new SendOutcome.Accepted("op-telemetry")));
        await dispatcher.StartAsync(CancellationToken.None);
        await Eventually.Holds(() => DatabaseFile.Column(data.Path, $"SELECT status || outcome_recorded FROM outbox WHERE message_id = '{messageId}'").Single() == "delivered1",
            time, what: "the delivery recorded");
        await dispatcher.StopAsync(CancellationToken.None);

        var delivery = Assert.Single(spans, s => s.OperationName == "deliver email" && Tag(s, "messaging.message.id") == messageId);
        Assert.Equal(("delivered", ActivityStatusCode.Ok), (Tag(delivery, "journeytriggers.verdict"), delivery.Status));
        Assert.Contains(spans, s => s.OperationName == "fire abandoned_cart" && Tag(s, "journeytriggers.timer.outcome") == "fired");
        Assert.Contains(measurements, m => m is { Instrument: "journeytriggers.effects" } && Is(m.Tags, "message.sent", "email"));
        Assert.Contains(measurements, m => m is { Instrument: "journeytriggers.effects" } && Is(m.Tags, "message.delivered", "email"));
        Assert.Contains(measurements, m => m.Instrument == "journeytriggers.timers.lateness" && m.Tags["trigger"] == "abandoned_cart" && m.Value >= 0);
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains(Customer) == true);
        Assert.DoesNotContain(measurements.SelectMany(m => m.Tags.Values), v => v?.Contains(Customer) == true);
    }

    string? MessageId() =>
        DatabaseFile.Column(data.Path, $"SELECT message_id FROM outbox WHERE customer_key = '{Customer}'").SingleOrDefault();

    static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    static bool Is(Dictionary<string, string?> tags, string type, string channel) =>
        tags.GetValueOrDefault("type") == type && tags.GetValueOrDefault("trigger") == "abandoned_cart" && tags.GetValueOrDefault("channel") == channel;
}
