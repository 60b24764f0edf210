namespace LeadFunctions.Domain.Playbooks;

/// <summary>The playbook cannot be used. Each error names the JSON path of the bad key.</summary>
public sealed class PlaybookException : Exception
{
    public PlaybookException(IReadOnlyList<string> errors)
        : base("The playbook is invalid: " + string.Join("; ", errors)) => Errors = errors;

    public PlaybookException()
        : this([])
    {
    }

    public PlaybookException(string message)
        : this([message])
    {
    }

    public PlaybookException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
