using JourneyTriggers.Core.Customers.Identity;
using JourneyTriggers.Core.Touchpoints;

namespace JourneyTriggers.Standalone.Archive;

/// <summary>A decided touchpoint as the archive keeps it: its inbox seq, when it was received, whose it is, its native JSON.</summary>
internal sealed record ArchivedTouchpoint(long Seq, long ReceivedAtTicks, string CustomerKey, byte[] Json)
{
    /// <summary>
    /// Kept under the profile the touchpoint names (the known customer when it names one, else the anonymous visitor):
    /// erasing that profile erases it, and so does erasing the known customer an anonymous profile was merged into.
    /// </summary>
    public static ArchivedTouchpoint Of(long seq, long receivedAtTicks, Touchpoint touchpoint, byte[] json) =>
        new(seq, receivedAtTicks, ProfileRouting.OwnerOf(touchpoint).Profile.Value, json);
}
