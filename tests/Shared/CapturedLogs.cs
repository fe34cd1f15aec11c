using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JourneyTriggers.Tests.Support;

/// <summary>Every formatted log line (and exception text) the service writes, for tests of what must never be logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
