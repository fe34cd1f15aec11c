namespace JourneyTriggers.Functions.Tests.Http.Fakes;

/// <summary>A clock the test sets and moves (Microsoft.Extensions.TimeProvider.Testing 10.0.0 is not restorable here).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
