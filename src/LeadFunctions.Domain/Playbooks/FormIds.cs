namespace LeadFunctions.Domain.Playbooks;

/// <summary>Form ids appear in URLs and metrics, so they are kept to a small, safe alphabet.</summary>
public static class FormIds
{
    public static bool IsValid(string? id) => id is { Length: > 0 and <= 64 }
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
