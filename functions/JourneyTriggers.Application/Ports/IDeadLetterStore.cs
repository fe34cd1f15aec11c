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
}
