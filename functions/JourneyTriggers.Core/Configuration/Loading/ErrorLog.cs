namespace JourneyTriggers.Core.Configuration.Loading;

/// <summary>
/// Collects problems while the readers walk the whole document. Readers keep going after a problem,
/// so one pass reports everything; whether the file loads is decided here, not by their return values.
/// </summary>
internal sealed class ErrorLog
{
    readonly List<ConfigurationError> errors = [];

    public IReadOnlyList<ConfigurationError> Errors => errors;

    public bool IsEmpty => errors.Count == 0;

    public void Report(string path, string message) => errors.Add(new ConfigurationError(path, message));

    public void WrongType(JsonField field, string expected) =>
        Report(field.Path, $"expected {expected}, got {field.Describe()}");
}
