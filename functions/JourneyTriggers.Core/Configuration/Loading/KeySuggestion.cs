namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>Finds the known key an author most likely meant, by edit distance ignoring case.</summary>
internal static class KeySuggestion
{
    public static string? Closest(string key, IReadOnlyList<string> knownKeys)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in knownKeys)
        {
            var distance = Distance(key.ToLowerInvariant(), known.ToLowerInvariant());
            // About one slip per three letters still reads as a typo; further away, it is another word.
            if (distance < bestDistance && distance <= Math.Max(1, known.Length / 3))
            {
                best = known;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
