using System.Collections.Concurrent;
using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using NodaTime;

namespace JourneyTriggers.Standalone.Tests.Support;

/// <summary>An email provider that answers from a script (the last answer repeats) and counts what it was handed.</summary>
internal sealed class FakeEmailSender(Duration? deduplicationWindow, params SendOutcome[] answers) : IEmailSender
{
    readonly ConcurrentQueue<string> calls = new();

    public Duration? DeduplicationWindow => deduplicationWindow;

    public IReadOnlyList<string> Calls => [.. calls];

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        calls.Enqueue(message.MessageId);
        return Task.FromResult(answers[Math.Min(calls.Count, answers.Length) - 1]);
    }
}

/// <summary>A push provider answering per installation, counting the calls per installation.</summary>
internal sealed class FakePushSender(Func<string, SendOutcome> answer) : IPushSender
{
    readonly ConcurrentQueue<(string MessageId, string InstallationId)> calls = new();

    public IReadOnlyList<(string MessageId, string InstallationId)> Calls => [.. calls];

    public Task<SendOutcome> SendAsync(OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
    {
        calls.Enqueue((message.MessageId, installationId));
        return Task.FromResult(answer(installationId));
    }
}

/// <summary>
/// A push provider whose calls wait until the test releases them, as a slow provider would, honouring
/// cancellation as real HTTP clients do: the call in progress when a dispatcher is told to stop.
/// </summary>
internal sealed class HeldPushSender(Func<string, SendOutcome> answer) : IPushSender
{
    readonly ConcurrentQueue<(string MessageId, string InstallationId)> calls = new();
    readonly TaskCompletionSource called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string MessageId, string InstallationId)> Calls => [.. calls];

    /// <summary>Completes when the first call is in progress.</summary>
    public Task Called => called.Task;

    public void Release() => released.TrySetResult();

    public async Task<SendOutcome> SendAsync(OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
    {
        calls.Enqueue((message.MessageId, installationId));
        called.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
        return answer(installationId);
    }
}
