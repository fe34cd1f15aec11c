namespace JourneyTriggers.Application.Ports;

/// <summary>
/// Where events that can never be processed go, whole and with the reason (protocol doc §6): operators
/// read them back through an HTTP route and can replay them.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Keeps <paramref name="letter"/>; the answer is the id it is kept under.</summary>
    Task<string> WriteAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> dead letters, newest first.</summary>
    Task<IReadOnlyList<StoredDeadLetter>> ListRecentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erasure (GDPR): removes every dead letter whose body <paramref name="mentions"/> names; how many were removed.
    /// A dead letter cannot be attributed any other way: it is kept precisely because it could not be read as a
    /// customer's touchpoint.
    /// </summary>
    Task<int> EraseMentioningAsync(DeadLetterMentions mentions, CancellationToken cancellationToken = default);
}
