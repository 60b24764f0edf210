using System.Globalization;

namespace LeadFunctions.Storage.LeadImports;

/// <summary>
/// Keys of an import in the Leads table: each import has its own partition ("import|{importId}"), apart from the
/// hashed lead partitions (p00-p63) so lead queries and sweeps never see it, holding its header, its stored chunks and
/// one result row per finished chunk.
/// </summary>
internal static class ImportKeys
{
    public const string Header = "header";
    public const string ResultPrefix = "result|";
    public const string ResultUpperBound = "result}";

    public static string Partition(string importId) => "import|" + importId;

    public static string Chunk(int index) => "chunk|" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static string Result(int index) => ResultPrefix + index.ToString("D5", CultureInfo.InvariantCulture);
}
