using System.Text.Json;
using CsCheck;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Metrics;
using JourneyTriggers.Core.Metrics.Report;
using JourneyTriggers.Core.Tests.Support;
using NodaTime;

namespace JourneyTriggers.Core.Tests.Metrics;

public class MetricsTallyTests
{
    static readonly Gen<MetricKey> Key =
        from day in Gen.Int[0, 9]
        from measure in Gen.Enum<MetricMeasure>()
        from trigger in Gen.OneOf<string?>(null, "abandoned_cart", "browse_abandoned", "old_trigger")
        from step in Gen.Int[0, 3]
        from branch in Gen.OneOf<string?>(null, "vip", "default")
        from variant in Gen.OneOf<string?>(null, "A", "B")
        from channel in Gen.OneOf<Channel?>(null, Channel.Push, Channel.Email)
        from grp in Gen.Enum<MetricGroup>()
        from reason in Gen.OneOf<string?>(null, "holdout", "frequency_cap", "ราคา")
        select new MetricKey(new LocalDate(2026, 11, 10).PlusDays(day), measure, trigger, step, branch, variant, channel, grp, reason);

    static readonly Gen<MetricFact> Fact =
        from key in Key
        from count in Gen.Int[1, 5]
        from amount in Gen.OneOf(Gen.Const(0m), Gen.Int[1, 100000].Select(i => i / 100m))
        select new MetricFact(key, new MetricValue(count, amount));

    static readonly Gen<MetricFact[]> Facts = Fact.Array[0, 40];

    static MetricsTally TallyOf(IEnumerable<MetricFact> facts) => facts.Aggregate(MetricsTally.Empty, (t, f) => t.Add(f));

    [Fact]
    public void Merge_is_associative_and_commutative_with_Empty_as_identity()
    {
        Gen.Select(Facts, Facts, Facts).Sample((a, b, c) =>
        {
            var (x, y, z) = (TallyOf(a), TallyOf(b), TallyOf(c));
            Assert.Equal(MetricsTally.Merge(MetricsTally.Merge(x, y), z), MetricsTally.Merge(x, MetricsTally.Merge(y, z)));
            Assert.Equal(MetricsTally.Merge(x, y), MetricsTally.Merge(y, x));
            Assert.Equal(x, MetricsTally.Merge(x, MetricsTally.Empty));
        });
    }

    [Fact]
    public void The_order_facts_are_added_in_does_not_matter()
    {
        Facts.SelectMany(f => Gen.Shuffle(f.ToArray()).Select(s => (f, s))).Sample(pair =>
        {
            Assert.Equal(TallyOf(pair.f), TallyOf(pair.s));
            var builder = new MetricsTallyBuilder();
            foreach (var fact in pair.s) builder.Add(fact);
            Assert.Equal(TallyOf(pair.f), builder.ToTally());
        });
    }

    [Fact]
    public void Json_round_trips_and_is_the_same_bytes_whatever_the_order()
    {
        Facts.Sample(facts =>
        {
            var tally = TallyOf(facts);
            var bytes = MetricsTallyJson.ToUtf8(tally);
            Assert.Equal(tally, MetricsTallyJson.Parse(bytes));
            Assert.Equal(bytes, MetricsTallyJson.ToUtf8(TallyOf(facts.Reverse())));
        });
    }

    [Fact]
    public void The_report_of_merged_tallies_is_the_report_of_all_the_facts()
    {
        var configuration = Configs.With(Configs.Cart(), Configs.Browse());
        Gen.Select(Facts, Facts).Sample((a, b) =>
        {
            var merged = MetricsReporting.Report(MetricsTally.Merge(TallyOf(a), TallyOf(b)), MetricsQuery.All, configuration);
            var all = MetricsReporting.Report(TallyOf(a.Concat(b)), MetricsQuery.All, configuration);
            Assert.Equal(MetricsReportJson.ToUtf8(all), MetricsReportJson.ToUtf8(merged));
        });
    }

    [Fact]
    public void Counters_that_sum_to_zero_are_dropped()
    {
        var key = new MetricKey(new LocalDate(2026, 11, 22), MetricMeasure.MessageSent, "abandoned_cart", 1);
        var tally = MetricsTally.Empty.Add(MetricFact.One(key)).Add(new MetricFact(key, new MetricValue(-1, 0m)));
        Assert.Equal(MetricsTally.Empty, tally);
        Assert.True(tally.IsEmpty);
    }

    [Fact]
    public void The_stored_form_is_the_documented_one()
    {
        var key = new MetricKey(new LocalDate(2026, 11, 17), MetricMeasure.Conversion, "abandoned_cart", 1, Channel: Channel.Push, Group: MetricGroup.Treated);
        var json = System.Text.Encoding.UTF8.GetString(MetricsTallyJson.ToUtf8(MetricsTally.Empty.Add(MetricFact.One(key, 32900m))));
        Assert.Equal("""{"version":1,"rows":[{"day":"2026-11-17","measure":"conversion","trigger":"abandoned_cart","step":1,"channel":"push","group":"treated","count":1,"amount":32900}]}""", json);
    }

    [Theory]
    [InlineData("""[]""", "A tally must be a JSON object, got Array.")]
    [InlineData("""{"rows":[]}""", "A tally needs \"version\": 1.")]
    [InlineData("""{"version":1}""", "A tally needs a \"rows\" array.")]
    [InlineData("""{"version":1,"rows":[{"day":"22/11/2026","measure":"conversion","count":1}]}""", "rows[0].day must be a date like 2026-11-16.")]
    [InlineData("""{"version":1,"rows":[{"day":"2026-11-22","measure":"sales","count":1}]}""", "rows[0].measure must be a known measure, not \"sales\".")]
    [InlineData("""{"version":1,"rows":[{"day":"2026-11-22","measure":"conversion","channel":"sms","count":1}]}""", "rows[0].channel must be a known channel, not \"sms\".")]
    [InlineData("""{"version":1,"rows":[{"day":"2026-11-22","measure":"conversion","group":"control","count":1}]}""", "rows[0].group must be \"treated\" or \"holdout\".")]
    [InlineData("""{"version":1,"rows":[{"day":"2026-11-22","measure":"conversion","count":1.5}]}""", "rows[0].count must be a whole number.")]
    [InlineData("""{"version":1,"rows":[{"day":"2026-11-22","measure":"conversion","step":0,"count":1}]}""", "rows[0].step must be a whole number from 1.")]
    public void Damaged_stored_tallies_are_refused_naming_the_row_and_field(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => MetricsTallyJson.Parse(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(message, error.Message);
    }
}
