using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// A customer's document kept changing under us on every attempt. Transient: the caller (an HTTP
/// request, a queue invocation) fails and is retried later, and nothing was half-applied. The message names no
/// customer (it reaches logs and the Functions host's answers); <see cref="Key"/> does, for code.
/// </summary>
public sealed class CustomerContentionException(ProfileKey key, int attempts)
    : Exception($"A customer's document changed concurrently on all {attempts} attempts to save it.")
{
    public ProfileKey Key { get; } = key;
}
