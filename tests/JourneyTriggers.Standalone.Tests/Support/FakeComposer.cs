using JourneyTriggers.Application.Messages;
using JourneyTriggers.Core.Configuration;
using JourneyTriggers.Core.Customers;
using JourneyTriggers.Core.Effects;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>Renders a fixed email or push for any reminder; can be told to fail, as a crash mid-decision would.</summary>
internal sealed class FakeComposer : IReminderComposer
{
    int failuresLeft;
    int inFlight;
    int mostInFlight;

    /// <summary>How long each composition takes, so that overlapping ones can be seen.</summary>
    public TimeSpan Takes { get; set; }

    /// <summary>The most compositions that were ever under way at once.</summary>
    public int MostAtOnce => Volatile.Read(ref mostInFlight);

    /// <summary>The next <paramref name="count"/> compositions throw.</summary>
    public void FailNext(int count) => failuresLeft = count;

    public OutboundMessage Compose(CustomerState customer, SendReminder reminder)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0) throw new InvalidOperationException("Composer failure (simulated).");
        var now = Interlocked.Increment(ref inFlight);
        for (var most = mostInFlight; now > most; most = mostInFlight)
            Interlocked.CompareExchange(ref mostInFlight, now, most);
        if (Takes > TimeSpan.Zero) Thread.Sleep(Takes);
        Interlocked.Decrement(ref inFlight);
        return Messages.For(reminder.MessageId, customer.Identity.Profile, reminder.Channel, reminder.Path.Step, reminder.At, customer.Profile.Email);
    }
}
