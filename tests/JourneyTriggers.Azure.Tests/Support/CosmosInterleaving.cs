namespace JourneyTriggers.Azure.Tests.Support;

/// <summary>
/// Stands in front of the Cosmos server and runs a step of the test at a chosen point of an erasure, so that another
/// instance's work on the same customer lands there every time. Each step runs once; its own requests pass straight through.
/// </summary>
internal sealed class CosmosInterleaving : DelegatingHandler
{
    /// <summary>Runs before the first document delete reaches the server (an erasure's last step); what it throws fails the delete.</summary>
    public Func<Task>? BeforeDelete { get; set; }

    /// <summary>Runs once the first write of an erasure's marker (<c>"erasing"</c>) has been stored.</summary>
    public Func<Task>? AfterMarked { get; set; }

    /// <summary>Answers every write of an erasure's marker 412, as if another save always got in first.</summary>
    public bool RefuseMarking { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal)) return await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Delete && BeforeDelete is { } before)
        {
            BeforeDelete = null;
            await before();
        }

        var marks = (AfterMarked is not null || RefuseMarking) && request.Method == HttpMethod.Put && request.Content is not null
            && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("\"erasing\":", StringComparison.Ordinal);
        if (marks && RefuseMarking) return new HttpResponseMessage(System.Net.HttpStatusCode.PreconditionFailed) { RequestMessage = request };
        var response = await base.SendAsync(request, cancellationToken);
        if (marks && response.IsSuccessStatusCode && AfterMarked is { } after)
        {
            AfterMarked = null;
            await after();
        }
        return response;
    }
}
