using System.Text.Json;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>The stored and queued forms of an import's parts: chunk rows, row errors and chunk messages.</summary>
public static class ImportJson
{
    public static byte[] Serialize(ChunkMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, ImportJsonContext.Default.ChunkMessage);

    /// <summary>Null when the body is not a chunk message: such a message can never succeed.</summary>
    public static ChunkMessage? TryReadMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize(body, ImportJsonContext.Default.ChunkMessage);
            return message is { ImportId.Length: > 0, Index: >= 0 } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] SerializeRows(IReadOnlyList<ImportRow> rows)
        => JsonSerializer.SerializeToUtf8Bytes([.. rows], ImportJsonContext.Default.ListImportRow);

    public static IReadOnlyList<ImportRow> DeserializeRows(ReadOnlySpan<byte> body)
        => JsonSerializer.Deserialize(body, ImportJsonContext.Default.ListImportRow) ?? [];

    public static byte[] SerializeErrors(IReadOnlyList<ImportError> errors)
        => JsonSerializer.SerializeToUtf8Bytes([.. errors], ImportJsonContext.Default.ListImportError);

    public static IReadOnlyList<ImportError> DeserializeErrors(ReadOnlySpan<byte> body)
        => body.IsEmpty ? [] : JsonSerializer.Deserialize(body, ImportJsonContext.Default.ListImportError) ?? [];
}
