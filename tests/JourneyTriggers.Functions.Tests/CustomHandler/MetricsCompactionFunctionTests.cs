using JourneyTriggers.Application.Ports;
using JourneyTriggers.Functions.Tests.Http.Fakes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JourneyTriggers.Functions.Tests.CustomHandler;

/// <summary><c>POST /MetricsCompaction</c>: each tick folds the closed days of the configuration's time zone; a failure fails the tick.</summary>
public sealed class MetricsCompactionFunctionTests : IDisposable
{
    const string Tick = "metrics-compaction.timer.request.json";
    readonly CustomHandlerFactory handler = new();

    public void Dispose() => handler.Dispose();

    InMemoryMetricsStore Metrics => (InMemoryMetricsStore)handler.Services.GetRequiredService<IMetricsStore>();

    [Fact]
    public async Task A_tick_folds_the_seven_days_before_today_in_the_configurations_time_zone()
    {
        // 18:30 UTC is 01:30 the next day in Bangkok (samples/config.json): 23 November is today there.
        handler.Time.Now = new DateTimeOffset(2026, 11, 22, 18, 30, 0, TimeSpan.Zero);

        var answer = await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("MetricsCompaction", Envelopes.Text(Tick)));

        Assert.Equal([(new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 22))], Metrics.Compacted);
        Assert.Equal("metrics: folded 2026-11-16 to 2026-11-22", Envelopes.Log(answer));
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_fails_the_tick_and_the_next_one_folds_again()
    {
        Metrics.Failure = new StoreUnavailableException("Blob Storage answered 503");

        await Envelopes.AssertTransientAsync(await handler.InvokeAsync("MetricsCompaction", Envelopes.Text(Tick)));

        Metrics.Failure = null;
        await Envelopes.AssertCompletedAsync(await handler.InvokeAsync("MetricsCompaction", Envelopes.Text(Tick)));
        Assert.Single(Metrics.Compacted);
    }
}
