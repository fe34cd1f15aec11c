namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>Stands in front of the Cosmos server and counts the document requests that reach it, reads and writes apart.</summary>
internal sealed class CosmosRequestCounter : DelegatingHandler
{
    int reads;
    int writes;

    public int Reads => Volatile.Read(ref reads);

    public int Writes => Volatile.Read(ref writes);

    public void Reset()
    {
        Volatile.Write(ref reads, 0);
        Volatile.Write(ref writes, 0);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal))
            Interlocked.Increment(ref request.Method == HttpMethod.Get ? ref reads : ref writes);
        return base.SendAsync(request, cancellationToken);
    }
}
