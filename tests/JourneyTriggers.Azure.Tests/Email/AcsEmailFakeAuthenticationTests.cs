using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace JourneyTriggers.Azure.Tests.Email;

/// <summary>The fake refuses what ACS refuses, so a client that passes it signs correctly.</summary>
public sealed class AcsEmailFakeAuthenticationTests
{
    const string Path = "/emails:send?api-version=" + AcsEmailFake.ApiVersion;
    static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"senderAddress":"a@b.example","content":{"subject":"s"},"recipients":{"to":[{"address":"c@d.example"}]}}""");

    static async Task<HttpStatusCode> SendAsync(AcsEmailFake fake, DateTimeOffset date, byte[] signedBody, string? signatureOverride = null)
    {
        var dateText = date.ToString("R", CultureInfo.InvariantCulture);
        var hash = Convert.ToBase64String(SHA256.HashData(signedBody));
        var host = fake.Endpoint.Authority;
        var signature = signatureOverride ?? fake.Signature("POST", Path, dateText, host, hash);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fake.Endpoint, Path)) { Content = new ByteArrayContent(Body) };
        request.Headers.Add("x-ms-date", dateText);
        request.Headers.Add("x-ms-content-sha256", hash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_correct_signature_passes()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, await SendAsync(fake, DateTimeOffset.UtcNow, Body));
    }

    [Fact]
    public async Task A_stale_date_is_401()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(fake, DateTimeOffset.UtcNow.AddMinutes(-20), Body));
        Assert.Equal(["x-ms-date is stale"], fake.Rejections);
    }

    [Fact]
    public async Task A_content_hash_of_another_body_is_401()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(fake, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes("{}")));
        Assert.Equal(["x-ms-content-sha256 does not match the body"], fake.Rejections);
    }

    [Fact]
    public async Task A_signature_over_other_values_is_401()
    {
        await using var fake = await AcsEmailFake.StartAsync();
        var other = fake.Signature("POST", "/emails:send", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture), fake.Endpoint.Authority, "x");
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(fake, DateTimeOffset.UtcNow, Body, other));
        Assert.Equal(["signature mismatch"], fake.Rejections);
        Assert.Empty(fake.Emails);
    }
}
