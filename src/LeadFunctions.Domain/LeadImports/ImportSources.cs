using System.Collections.Immutable;

namespace LeadFunctions.Domain.LeadImports;

/// <summary>The wire names of <see cref="ImportSource"/> (the ?source= of an import), in one place.</summary>
public static class ImportSources
{
    public static readonly ImmutableArray<string> Names = ["purchased-list", "research", "customers", "manual"];

    public static string Name(this ImportSource source) => Names[(int)source];

    public static bool TryParse(string? name, out ImportSource source)
    {
        var index = name is null ? -1 : Names.IndexOf(name);
        source = index < 0 ? default : (ImportSource)index;
        return index >= 0;
    }
}
