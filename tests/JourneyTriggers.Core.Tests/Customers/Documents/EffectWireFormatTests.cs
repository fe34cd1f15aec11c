using System.Text;
using System.Text.Json;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Core.Tests.Customers.Documents;

public class EffectWireFormatTests
{
    static string Write(Effect effect)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) EffectWireFormat.Write(json, effect);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    static Effect Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return EffectWireFormat.Read(document.RootElement);
    }

    public static TheoryData<int> EveryEffect() => new(Enumerable.Range(0, SampleStates.EveryEffect.Count));

    [Theory]
    [MemberData(nameof(EveryEffect))]
    public void Every_effect_reads_back_equal_to_what_was_written(int index)
    {
        var effect = SampleStates.EveryEffect[index];
        var written = Write(effect);
        var read = Read(written);
        Assert.Equal(effect, read);
        Assert.Equal(written, Write(read));
    }

    [Fact]
    public void Every_effect_type_is_covered()
    {
        var types = typeof(Effect).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Effect)) && !t.IsAbstract);
        Assert.Equal(types.Select(t => t.Name).Order(), SampleStates.EveryEffect.Select(e => e.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void The_output_shape_is_unchanged()
    {
        Assert.Equal(
            """{"at":"2026-11-22T13:00:00Z","type":"conversion","customerId":"c-42","trigger":"abandoned_cart","step":1,"channel":"push","orderId":"o-2","revenue":329.50,"messageId":"m-1","holdout":true}""",
            Write(SampleStates.EveryEffect.OfType<RecordConversion>().Single(c => c.Holdout)));
        Assert.Equal(
            """{"at":"2026-11-22T10:00:00Z","type":"timer.armed","customerId":"c-42","trigger":"abandoned_cart","token":7,"dueAt":"2026-11-22T11:00:00Z"}""",
            Write(SampleStates.EveryEffect.OfType<ArmTimer>().First()));
    }

    [Theory]
    [InlineData("""{"at":"2026-11-22T10:00:00Z","type":"message.bounced","customerId":"c-42"}""", "message.bounced")]
    [InlineData("""{"at":"2026-11-22T10:00:00Z","type":"journey.entered","customerId":"c-42"}""", "'trigger' is missing")]
    [InlineData("""{"at":"2026-11-22T10:00:00Z","type":"journey.exited","customerId":"c-42","trigger":"t","reason":"bored"}""", "bored")]
    [InlineData("""{"at":"yesterday","type":"journey.entered","customerId":"c-42","trigger":"t"}""", "'at'")]
    [InlineData("""{"at":"2026-11-22T10:00:00Z","type":"step.skipped","trigger":"t","step":"one"}""", "'step'")]
    [InlineData("""[]""", "object")]
    public void Text_the_writer_never_writes_is_a_json_exception_naming_the_problem(string json, string mentions)
    {
        var error = Assert.Throws<JsonException>(() => Read(json));
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }
}
