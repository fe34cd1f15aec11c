using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using JourneyTriggers.Azure.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JourneyTriggers.Azure.Tests.Email;

/// <summary>Clients and senders pointed at an <see cref="AcsEmailFake"/>, with retry timings short enough for tests.</summary>
internal static class AcsEmailTestClients
{
    public const string SenderAddress = "DoNotReply@shop.example";

    public static AcsEmailClientOptions Options(AcsEmailFake? fake = null, TimeSpan? networkTimeout = null, TimeSpan? callTimeout = null)
    {
        var options = new AcsEmailClientOptions
        {
            CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30),
            PollingInterval = TimeSpan.FromMilliseconds(50),
        };
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(3);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(5);
        if (fake?.Certificate is { } certificate)
            options.Transport = new HttpClientTransport(new HttpClientHandler
            {
                // The fake's self-signed certificate, here only.
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            });
        return options;
    }

    public static AcsEmailClient Hmac(AcsEmailFake fake, AcsEmailClientOptions? options = null) =>
        new(fake.Endpoint, new AzureKeyCredential(fake.AccessKey), options ?? Options(fake));

    public static AcsEmailSender Sender(AcsEmailFake fake, AcsEmailClientOptions? options = null, TimeProvider? time = null) =>
        new(Hmac(fake, options), SenderAddress, time ?? TimeProvider.System, NullLogger<AcsEmailSender>.Instance);

    public static AcsEmailMessage Message(string recipient = "ann@example.test", RepeatableRequest? repeatability = null) =>
        new(SenderAddress, recipient, "You left something behind", "Your cart is waiting.", "<p>Your cart is waiting.</p>")
        {
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://shop.example/u?t=1>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            Repeatability = repeatability ?? new RepeatableRequest(Guid.NewGuid(), DateTimeOffset.UtcNow),
        };

    public static FakeTimeProvider ClockAt(DateTimeOffset now) => new(now);
}

/// <summary>An Entra ID credential that issues one token, only for the scope it expects, and remembers what was asked.</summary>
internal sealed class TestTokenCredential(string token, string scope) : TokenCredential
{
    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Issue(requestContext);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Issue(requestContext));

    AccessToken Issue(TokenRequestContext context)
    {
        lock (RequestedScopes) RequestedScopes.AddRange(context.Scopes);
        return context.Scopes.SequenceEqual([scope])
            ? new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1))
            : new AccessToken("token-for-the-wrong-scope", DateTimeOffset.UtcNow.AddHours(1));
    }
}
