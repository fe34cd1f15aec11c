namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>One maildev per test class: starting node is the slow part of these tests.</summary>
public abstract class MailDevFixture(params string[] arguments) : IAsyncLifetime
{
    MailDev? server;

    internal MailDev Server => server ?? throw new InvalidOperationException("maildev has not started.");

    public async Task InitializeAsync() => server = await MailDev.StartAsync(arguments);

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }
}

/// <summary>Takes any mail.</summary>
public sealed class OpenMailServer() : MailDevFixture;

/// <summary>Takes mail only from authenticated senders; the tests send without credentials.</summary>
public sealed class AuthenticatingMailServer() : MailDevFixture("--incoming-user", "shop", "--incoming-pass", "secret");
