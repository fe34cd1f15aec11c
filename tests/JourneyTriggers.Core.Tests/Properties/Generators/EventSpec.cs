namespace JourneyTriggers.Core.Tests.Properties.Generators;

/// <summary>The kinds of touchpoint a generated stream mixes, with the weight each gets.</summary>
internal enum EventKind
{
    ProductViewed, ItemAdded, ItemRemoved, CartViewed, CartCleared, CheckoutStarted, OrderCompleted,
    AppOpened, Identified, ConsentUpdated, PushRegistered, PushUnregistered, SessionStarted,
}

/// <summary>
/// One generated event as plain small numbers; <see cref="StreamBuilder"/> turns a sequence of them into
/// touchpoints. Numbers rather than touchpoints so CsCheck shrinks each field towards the simplest case
/// (customer c-1, the first product, a one-minute gap, on time, not a copy).
/// </summary>
/// <param name="Who">Which ids the event carries (known, anonymous or both) and which customer.</param>
/// <param name="Pick">Selects the payload: product, quantity, order id, time zone, consent, device.</param>
/// <param name="GapMinutes">How far the stream's wall clock moves before this event.</param>
/// <param name="LateMinutes">How far before that wall clock the event is stamped (0: on time).</param>
/// <param name="CopyOf">Negative: a new event. Otherwise a verbatim copy of one of the last 20 events.</param>
internal readonly record struct EventSpec(EventKind Kind, int Who, int Pick, int GapMinutes, int LateMinutes, int CopyOf);
