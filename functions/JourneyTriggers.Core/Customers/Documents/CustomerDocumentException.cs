namespace JourneyTriggers.Core.Customers.Documents;

/// <summary>
/// A stored customer document this build cannot read: a schema version it does not know, or a
/// shape it never writes. Documents are written only by <see cref="CustomerDocument"/>, so this is
/// never bad user input — it is a bug or an ops problem (a newer build wrote the document, a
/// rollback left it behind, or it was edited by hand), and the host should fail loudly, not reset the
/// customer.
/// </summary>
public sealed class CustomerDocumentException : Exception
{
    public CustomerDocumentException(string message, int? schema = null, Exception? inner = null) : base(message, inner) =>
        Schema = schema;

    /// <summary>The document's schema version, when it had one.</summary>
    public int? Schema { get; }
}
