using System.Net;

namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>
/// Stands in front of the Cosmos server and answers document requests with 429 and a retry-after, as a
/// throttled account does, for the first <c>times</c> of them (or all); counts what it refused.
/// </summary>
internal sealed class Throttle(int times, TimeSpan retryAfter) : DelegatingHandler
{
    int refused;

    public int Refused => Volatile.Read(ref refused);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isDocument = request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal);
        if (!isDocument || Refused >= times) return base.SendAsync(request, cancellationToken);
        Interlocked.Increment(ref refused);
        var response = new HttpResponseMessage((HttpStatusCode)429)
        {
            RequestMessage = request,
            Content = new StringContent("""{"code":"TooManyRequests","message":"Request rate is large (simulated)."}"""),
        };
        response.Headers.Add("x-ms-retry-after-ms", ((int)retryAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("x-ms-substatus", "3200");
        response.Headers.Add("x-ms-activity-id", Guid.NewGuid().ToString());
        return Task.FromResult(response);
    }
}
