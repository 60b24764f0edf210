using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>Reads a playbook from JSON. Unknown keys and misspelt names are errors, not silently ignored settings.</summary>
public static class PlaybookJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static Playbook Parse(string json)
    {
        Playbook? playbook;
        try
        {
            playbook = JsonSerializer.Deserialize<Playbook>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new PlaybookException([$"{ex.Path ?? "$"}: {Describe(ex)}"]);
        }

        if (playbook is null)
        {
            throw new PlaybookException(["$: the playbook is empty."]);
        }

        var errors = PlaybookValidator.Validate(playbook);
        return errors.Count == 0 ? playbook : throw new PlaybookException(errors);
    }

    public static Playbook Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The playbook shipped with the product: the five articles' rules, ready to edit.</summary>
    public static Playbook Default()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json names the member in its message; keep just that sentence, not the type internals.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
