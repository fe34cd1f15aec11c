using JourneyTriggers.Core.Customers;

namespace JourneyTriggers.Application.Processing;

/// <summary>
/// Serialises work on one customer inside this process, so concurrent requests and wake-ups for the
/// same customer queue up instead of conflicting. The store's version check still guards across
/// processes. Striped: a fixed number of locks, so memory does not grow with customers.
/// </summary>
public sealed class CustomerLocks
{
    readonly SemaphoreSlim[] stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(ProfileKey key, CancellationToken cancellationToken)
    {
        var stripe = stripes[IndexOf(key)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    /// <summary>Both customers of a merge, always in the same order, so two merges cannot deadlock.</summary>
    public async Task<IDisposable> AcquireAsync(ProfileKey first, ProfileKey second, CancellationToken cancellationToken)
    {
        var a = IndexOf(first);
        var b = IndexOf(second);
        if (a == b) return await AcquireAsync(first, cancellationToken);
        var (low, high) = a < b ? (a, b) : (b, a);
        await stripes[low].WaitAsync(cancellationToken);
        try
        {
            await stripes[high].WaitAsync(cancellationToken);
        }
        catch
        {
            stripes[low].Release();
            throw;
        }
        return new Release(stripes[high], stripes[low]);
    }

    int IndexOf(ProfileKey key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key.Value) % (uint)stripes.Length);

    sealed class Release(params SemaphoreSlim[] held) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            foreach (var s in held) s.Release();
        }
    }
}
