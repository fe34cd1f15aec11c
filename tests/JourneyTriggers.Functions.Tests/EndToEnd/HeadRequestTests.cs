using System.Net;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>HEAD against the real process (Kestrel, which leaves the body out): a read route answers as GET does, without the body.</summary>
[Collection(RunningServiceCollection.Name)]
public sealed class HeadRequestTests(RunningService running)
{
    ServiceProcess Service => running.Service;

    [Theory]
    [InlineData("/api/health", false)]
    [InlineData("/api/metrics", true)]
    [InlineData("/dev/inbox", true)]
    public async Task A_read_route_answers_head_like_get_without_a_body(string path, bool admin)
    {
        var get = admin ? Service.Admin(path) : new HttpRequestMessage(HttpMethod.Get, path);
        var head = admin ? Service.Admin(path) : new HttpRequestMessage(HttpMethod.Head, path);
        head.Method = HttpMethod.Head;

        using var gotten = await Service.Http.SendAsync(get);
        using var headed = await Service.Http.SendAsync(head);

        Assert.Equal(HttpStatusCode.OK, gotten.StatusCode);
        Assert.Equal(HttpStatusCode.OK, headed.StatusCode);
        Assert.Equal(gotten.Content.Headers.ContentType?.MediaType, headed.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await headed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_on_the_unsubscribe_link_does_nothing_since_its_get_acts()
    {
        using var response = await Service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/unsubscribe?token=anything"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
