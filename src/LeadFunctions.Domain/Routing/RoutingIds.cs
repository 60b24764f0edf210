using System.Text.RegularExpressions;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// Team, rep and manager ids: short, URL-safe handles (they appear in routes, logs and the audit trail), never a
/// person's e-mail address or name.
/// </summary>
public static partial class RoutingIds
{
    public const string Rule = "ids are 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (a handle such as rep-ann, not an e-mail).";

    /// <summary>The team a lead is placed with when the playbook defines no teams (a CRM named its owner).</summary>
    public const string NoTeam = "sales";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
