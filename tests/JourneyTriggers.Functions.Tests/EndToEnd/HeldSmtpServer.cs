using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JourneyTriggers.Functions.Tests.EndToEnd;

/// <summary>
/// An SMTP server (RFC 5321, the commands MailKit uses without TLS or AUTH) that holds its answer to the end
/// of a message's data until the test releases it: a send caught mid-call, at a moment the test chooses.
/// maildev answers at once, so it cannot show what a stopping service does with a send in flight.
/// </summary>
internal sealed class HeldSmtpServer : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource stopping = new();
    readonly TaskCompletionSource dataReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<string> accepted = [];
    readonly Task serving;

    HeldSmtpServer()
    {
        // Bound in process on port 0: nothing can take the port between choosing and binding it.
        listener.Start();
        serving = ServeAsync();
    }

    public static HeldSmtpServer Start() => new();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Completes when the first message's data has arrived, its answer held.</summary>
    public Task DataReceived => dataReceived.Task;

    /// <summary>The Message-ID headers of the messages answered 250, in order.</summary>
    public IReadOnlyList<string> Accepted
    {
        get
        {
            lock (accepted) return [.. accepted];
        }
    }

    /// <summary>Lets the held answer (and every later one) go out.</summary>
    public void Release() => released.TrySetResult();

    async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 held.test ESMTP");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-held.test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var messageId = await ReadDataAsync(reader);
                        dataReceived.TrySetResult();
                        await released.Task.WaitAsync(stopping.Token);
                        lock (accepted) accepted.Add(messageId);
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
    }

    /// <summary>Reads the data up to the lone dot; returns the Message-ID header's value.</summary>
    async Task<string> ReadDataAsync(StreamReader reader)
    {
        var messageId = "";
        while (await reader.ReadLineAsync(stopping.Token) is { } line && line != ".")
            if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase)) messageId = line["Message-ID:".Length..].Trim().Trim('<', '>');
        return messageId;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await serving;
        stopping.Dispose();
    }
}
