using System.Text.RegularExpressions;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>
/// Checks one of the company's own statuses: a name the API can carry in a query string, a role the rules understand,
/// and the owner team that role's rules assume (the inbox is sales'; nurture is marketing's). Messages start with the path.
/// </summary>
internal static partial class CustomStatusValidator
{
    public static void Validate(Playbook playbook, StatusDefinition status, string path, List<string> errors)
    {
        if (!NamePattern().IsMatch(status.Name))
        {
            errors.Add($"{path}.name: '{status.Name}' is not a status name: 1-64 letters, digits and hyphens, starting with a letter (the display name may say anything).");
        }
        else if (Enum.GetNames<LeadStatus>().FirstOrDefault(n => string.Equals(n, status.Name, StringComparison.OrdinalIgnoreCase)) is { } builtIn)
        {
            errors.Add($"{path}.name: '{status.Name}' collides with the built-in status '{builtIn}'; pick another name, or give '{builtIn}' a displayName.");
        }

        if (status.Role is null)
        {
            errors.Add($"{path}.role: a custom status needs a role, one of: {string.Join(", ", StatusRoles.Names)}.");
            return;
        }

        if (StatusRoles.StatusOf(status.Role) is not { } role)
        {
            errors.Add($"{path}.role: '{status.Role}' is not a role; roles are: {string.Join(", ", StatusRoles.Names)}.");
            return;
        }

        // The reverse handoff and the inbox routing read a status's owner: a role's rules only hold with its owner team.
        if (playbook.DefinitionOf(role) is { } builtInRole && builtInRole.Owner != status.Owner)
        {
            errors.Add($"{path}.owner: a status of role '{status.Role}' is owned by {builtInRole.Owner}, as '{role}' is; the handoff rules read the owner.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
