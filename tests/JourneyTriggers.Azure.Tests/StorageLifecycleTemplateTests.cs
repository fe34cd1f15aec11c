using JourneyTriggers.Azure.Metrics;
using JourneyTriggers.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Azure.Tests;

/// <summary>
/// The app creates its outbox, effects and metrics containers itself, so only the storage template's lifecycle rule
/// bounds them: it must name them as the app does (infra/check.sh compiles the template; this ties it to the app).
/// </summary>
public sealed class StorageLifecycleTemplateTests
{
    static readonly StorageOptions Defaults = new() { TimerQueue = "journey-timers", DeadLetterContainer = "dead-letter" };

    static readonly string Template = File.ReadAllText(RepositoryFiles.PathOf("infra/modules/storage.bicep"));

    [Fact]
    public void The_decision_log_the_tallies_and_the_messages_age_out_under_one_retention()
    {
        var tallies = TallyBlob.Prefix(new LocalDate(2026, 11, 24)).Split('/')[0];
        Assert.Contains(
            $"{{ name: 'app-logs', prefixes: ['{Defaults.EffectsContainer}/', '{Defaults.MetricsContainer}/{tallies}/', '{Defaults.OutboxContainer}/'], days: retentionDays }}",
            Template);
    }

    [Fact]
    public void The_metric_summaries_are_kept()
    {
        var summaries = TallyBlob.Summary(new LocalDate(2026, 11, 24)).Split('/')[0];
        Assert.DoesNotContain($"'{Defaults.MetricsContainer}/'", Template);
        Assert.DoesNotContain($"'{Defaults.MetricsContainer}/{summaries}/'", Template);
    }
}
