namespace LeadFunctions.Engine.Intake;

/// <summary>
/// Client-chosen ids (submission ids, event ids) become storage keys, so they are limited to a safe alphabet
/// instead of being escaped: "/", "\", "#", "?" and control characters are not allowed in table keys.
/// </summary>
public static class CommandIds
{
    public const int MaxLength = 128;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength }
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
