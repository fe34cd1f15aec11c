namespace JourneyTriggers.Functions.Http.Pages;

/// <summary>
/// Which of the two shipped languages a page speaks: <c>?lang=th|en</c> wins (so a link can pin it); else the
/// first of the two in <c>Accept-Language</c> by quality; else English.
/// </summary>
internal static class PageLanguage
{
    public static bool IsThai(HttpRequest request)
    {
        var pinned = request.Query["lang"].ToString();
        if (pinned.Length > 0) return pinned.StartsWith("th", StringComparison.OrdinalIgnoreCase);
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.ToString())
            .FirstOrDefault(l => l.StartsWith("th", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return accepted is not null && accepted.StartsWith("th", StringComparison.OrdinalIgnoreCase);
    }
}
