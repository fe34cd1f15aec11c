using System.Buffers;
using JourneyTriggers.Functions.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JourneyTriggers.Functions.Http.Ingestion;

/// <summary>A request body read whole, or the problem that stopped the reading.</summary>
internal readonly record struct BodyRead(ReadOnlyMemory<byte> Bytes, ProblemHttpResult? Problem);

/// <summary>
/// Reads an ingestion body up to the configured limit, inflating gzip on the way. The limit counts the
/// inflated bytes, so a small compressed body cannot expand into a large one (a gzip bomb).
/// </summary>
internal static class RequestBody
{
    public static async Task<BodyRead> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return new(default, Problems.UnsupportedEncoding(encoding));
        if (request.ContentLength > limit) return new(default, Problems.BodyTooLarge(limit));
        // Kestrel's own cap (30 MB) must not undercut a larger configured limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } cap } size && cap < limit)
            size.MaxRequestBodySize = limit;

        var source = gzip ? new CheckedGzipStream(request.Body, leaveOpen: true) : request.Body;
        var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            // Sized once when the length is known (a plain body): grown from empty, a 30 KB body cost twice its size in copies.
            var buffer = new MemoryStream(!gzip && request.ContentLength is { } length ? (int)length : 0);
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return new(default, Problems.BodyTooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
            return new(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (InvalidDataException) when (gzip)
        {
            return new(default, Problems.NotGzip());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(default, Problems.BodyTooLarge(limit));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (gzip) await source.DisposeAsync();
        }
    }

    /// <summary>Nothing but whitespace (and a byte order mark): nothing to read at all.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        return body.Trim(" \t\r\n"u8).IsEmpty;
    }
}
