namespace JourneyTriggers.Application.Ports;

/// <summary>
/// A host that acknowledges touchpoints before deciding them (the standalone inbox): a 202 means the event is
/// durable, and its decision follows moments later. Whatever reads decisions (customer documents, the outbox,
/// metrics) or must come after them (an erasure, an unsubscribe, a due timer) waits here first, so it sees
/// every touchpoint acknowledged before it asked.
/// </summary>
public interface IPendingTouchpoints
{
    /// <summary>
    /// Completes once every touchpoint acknowledged before the call has been decided and saved, or when
    /// <paramref name="maxWait"/> has passed (a backlog that large is answered as it stands rather than not at all).
    /// </summary>
    /// <returns>True when caught up; false when the wait ran out first.</returns>
    Task<bool> WaitDecidedAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}
