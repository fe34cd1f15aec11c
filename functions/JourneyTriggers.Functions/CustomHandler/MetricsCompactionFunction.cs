using JourneyTriggers.Application.Ports;
using JourneyTriggers.Application.Processing;
using JourneyTriggers.Core.Journeys;
using NodaTime;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// <c>POST /MetricsCompaction</c>: the hourly timer (<c>schedule</c> in its function.json) that folds the last
/// <see cref="ClosedDays"/> closed reporting days into their day summaries, the fold a metrics read does, so the
/// dashboard's reads of past days find them folded instead of folding a day's worth of tally blobs on the way.
/// Hourly, not daily: the host's schedule runs in UTC while days end at midnight in the configuration's time zone,
/// and late tallies (pending work finished after a crash) keep landing in closed days. A failure answers 500; the
/// host logs it and the next tick folds the same days again.
/// </summary>
internal sealed class MetricsCompactionFunction(IMetricsStore metrics, JourneyEngine engine, HostClock clock, ILogger<MetricsCompactionFunction> logger)
{
    public const string Name = "MetricsCompaction";
    public const int ClosedDays = 7;

    public async Task<IResult> InvokeAsync(CancellationToken cancellationToken)
    {
        var today = clock.Now().InZone(engine.Configuration.Defaults.TimeZone).Date;
        var (from, to) = (today.PlusDays(-ClosedDays), today.PlusDays(-1));
        try
        {
            await metrics.CompactAsync(from, to, cancellationToken);
            return InvocationAnswer.Done($"metrics: folded {Day(from)} to {Day(to)}");
        }
        catch (Exception e) when (Transient.Is(e))
        {
            CustomHandlerLog.TransientFailure(logger, Name, e.GetType().Name);
            return InvocationAnswer.Transient($"{Transient.Describe(e)}; the next tick folds these days again");
        }
    }

    static string Day(LocalDate day) => Core.Metrics.MetricDay.Iso(day);
}
