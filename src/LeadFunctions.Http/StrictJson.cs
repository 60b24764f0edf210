using System.Text.Json;
using System.Text.Unicode;

namespace LeadFunctions.Http;

/// <summary>
/// Parses a request body as JSON and refuses what System.Text.Json only discovers later, when a value is read:
/// bytes that are not UTF-8 and escaped lone surrogates ("\ud800"). Such input is the client's error (400), and
/// finding it up front keeps it from surfacing as an exception in the middle of a handler.
/// </summary>
internal static class StrictJson
{
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, int maxDepth)
    {
        if (!Utf8.IsValid(body.Span))
        {
            return null;
        }

        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
            EnsureReadable(document.RootElement);
            return document;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            document?.Dispose();
            return null;
        }
    }

    private static void EnsureReadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    EnsureReadable(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureReadable(item);
                }

                break;
        }
    }
}
