using System.Text.RegularExpressions;

namespace JourneyTriggers.Functions.CustomHandler;

/// <summary>
/// Each HTTP function (functions/function-definitions/&lt;Name&gt;/function.json) and the standalone route it
/// runs. The host's routes differ from ours (its <c>api/</c> prefix; <c>admin/</c> is reserved, hence
/// <c>ops/</c>), so the function's route values fill our template, and the standalone endpoint, its key
/// check and its answers do the rest: there is one implementation of every route.
/// </summary>
internal static partial class HttpFunctions
{
    static readonly Dictionary<string, string> StandaloneRoutes = new(StringComparer.Ordinal)
    {
        ["Events"] = "/api/events",
        ["Segment"] = "/v1/{call}",
        ["Unsubscribe"] = "/unsubscribe",
        ["Customers"] = "/api/customers/{customerId}",
        ["Health"] = "/api/health",
        ["Metrics"] = Http.MetricsApi.Path,
        ["Dashboard"] = "/dashboard",
    };

    /// <summary>The Metrics function's route in its function.json, for pages that link to the API (a test compares them).</summary>
    public const string MetricsRoute = "ops/metrics";

    public static IReadOnlyCollection<string> Names => StandaloneRoutes.Keys;

    public static bool Contains(string function) => StandaloneRoutes.ContainsKey(function);

    /// <summary>
    /// The standalone path for a call of <paramref name="function"/> with these route values, in the form a server hands
    /// a request's path on (decoded, a slash inside a segment left as %2F), which is the form the host's route values
    /// already have. Escaping them again made routing see "c%40example.com" for the customer c@example.com.
    /// </summary>
    public static string PathOf(string function, IReadOnlyDictionary<string, string> routeValues) =>
        Parameter().Replace(StandaloneRoutes[function], m =>
            routeValues.TryGetValue(m.Groups[1].Value, out var value) ? value.Replace("/", "%2F", StringComparison.Ordinal) : "");

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();
}
