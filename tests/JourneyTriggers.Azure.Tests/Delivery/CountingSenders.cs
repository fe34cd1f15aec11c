using JourneyTriggers.Application.Messages;
using JourneyTriggers.Application.Ports;
using NodaTime;

namespace JourneyTriggers.Azure.Tests.Delivery;

/// <summary>An email provider that answers from a script and counts every call; "crash" counts the call, then throws, as a process killed mid-call.</summary>
internal sealed class CountingEmailSender(Duration? window, params Func<SendOutcome>[] answers) : IEmailSender
{
    public int Calls { get; private set; }

    public Duration? DeduplicationWindow => window;

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        Task.FromResult(answers[Math.Min(Calls++, answers.Length - 1)]());
}

/// <summary>An email provider that keeps a record of its sends: asked afterwards, it answers <paramref name="found"/>.</summary>
internal sealed class RecordKeepingEmailSender(Duration? window, Func<SendOutcome> found, params Func<SendOutcome>[] answers) : IEmailSender, IEmailSendLookup
{
    readonly CountingEmailSender sends = new(window, answers);

    public int Calls => sends.Calls;

    public int LookUps { get; private set; }

    public Duration? DeduplicationWindow => window;

    public Task<SendOutcome> SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) => sends.SendAsync(message, cancellationToken);

    public Task<SendOutcome> LookUpAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        LookUps++;
        return Task.FromResult(found());
    }
}

/// <summary>A push provider answering per installation, counting calls per installation.</summary>
internal sealed class CountingPushSender(Func<string, SendOutcome> answer) : IPushSender
{
    public Dictionary<string, int> Calls { get; } = [];

    public Task<SendOutcome> SendAsync(OutboundMessage message, string installationId, CancellationToken cancellationToken = default)
    {
        Calls[installationId] = Calls.GetValueOrDefault(installationId) + 1;
        return Task.FromResult(answer(installationId));
    }
}

internal sealed class SimulatedCrashException() : Exception("The process died during the provider call.");

internal static class Answers
{
    public static SendOutcome Accepted() => new SendOutcome.Accepted("provider-1");

    public static SendOutcome Crash() => throw new SimulatedCrashException();
}
