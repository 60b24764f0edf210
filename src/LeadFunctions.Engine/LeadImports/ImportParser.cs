using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// Reads an upload into rows with the field names a form uses. A row that cannot be read becomes a row error and the
/// rest are still read; only what spoils every row (a CSV header it cannot map, more rows than allowed) refuses the file.
/// Rows are numbered from 1 in the order they appear; blank lines are skipped and not counted, and neither is the CSV
/// header, so row 1 of a CSV file is the line after the header.
/// </summary>
public static class ImportParser
{
    /// <summary>The field a whole-row error is reported under.</summary>
    public const string WholeRow = "$";

    public static ImportParse Parse(ReadOnlyMemory<byte> body, ImportFormat format, int maxRows = ImportLimits.MaxRows)
        => format == ImportFormat.Csv ? ParseCsv(body, maxRows) : ParseNdjson(body, maxRows);

    private static ImportParse ParseNdjson(ReadOnlyMemory<byte> body, int maxRows)
    {
        var rows = new List<ImportRow>();
        var rest = body;
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            var trimmed = line.Span.Trim("\r\t "u8);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new ImportParse(rows, TooManyRows: true);
            }

            rows.Add(ReadJsonRow(rows.Count + 1, line));
        }

        return new ImportParse(rows);
    }

    private static ImportRow ReadJsonRow(int row, ReadOnlyMemory<byte> line)
    {
        if (line.Length > ImportLimits.MaxRowBytes)
        {
            return Failed(row, $"The row is longer than {ImportLimits.MaxRowBytes} bytes.");
        }

        if (!Utf8.IsValid(line.Span))
        {
            return Failed(row, "The row is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 4, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Failed(row, "The row is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed(row, "The row must be a JSON object.");
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            var errors = new List<FieldError>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = FieldNames.Shortened(property.Name);
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        fields[property.Name] = property.Value.GetString();
                        break;
                    case JsonValueKind.Number:
                        fields[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        fields[property.Name] = property.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        errors.Add(new FieldError(name, "Must be a string, number or boolean."));
                        break;
                }
            }

            return errors.Count > 0 ? new ImportRow(row, null, errors) : new ImportRow(row, fields);
        }
    }

    private static ImportParse ParseCsv(ReadOnlyMemory<byte> body, int maxRows)
    {
        if (!Utf8.IsValid(body.Span))
        {
            return new ImportParse([], new FieldError(WholeRow, "The file is not valid UTF-8."));
        }

        var text = Encoding.UTF8.GetString(body.Span).TrimStart('\uFEFF');
        var reader = new CsvReader(text);
        if (reader.Next() is not { } header || header.Fields.All(string.IsNullOrWhiteSpace))
        {
            return new ImportParse([]);
        }

        var columns = header.Fields.Select(f => f.Trim()).ToArray();
        if (HeaderError(columns) is { } headerError)
        {
            return new ImportParse([], headerError);
        }

        var rows = new List<ImportRow>();
        while (reader.Next() is { } record)
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0 && !record.Unterminated)
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new ImportParse(rows, TooManyRows: true);
            }

            rows.Add(ToRow(rows.Count + 1, columns, record));
        }

        return new ImportParse(rows);
    }

    private static FieldError? HeaderError(string[] columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            var name = columns[i];
            if (name.Length == 0)
            {
                return new FieldError($"column {i + 1}", "The header names no field.");
            }

            if (!ImportFields.Known.Contains(name))
            {
                return new FieldError(FieldNames.Shortened(name), "Unknown column.");
            }

            if (!seen.Add(name))
            {
                return new FieldError(name, "Appears more than once in the header.");
            }
        }

        return null;
    }

    private static ImportRow ToRow(int row, string[] columns, CsvRecord record)
    {
        if (record.Unterminated)
        {
            return Failed(row, "A quoted field is not closed.");
        }

        if (record.Length > ImportLimits.MaxRowBytes)
        {
            return Failed(row, $"The row is longer than {ImportLimits.MaxRowBytes} bytes.");
        }

        if (record.Fields.Count != columns.Length)
        {
            return Failed(row, $"Has {record.Fields.Count} fields; the header has {columns.Length}.");
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (record.Fields[i].Length > 0)
            {
                fields[columns[i]] = record.Fields[i];
            }
        }

        return new ImportRow(row, fields);
    }

    private static ImportRow Failed(int row, string message) => new(row, null, [new FieldError(WholeRow, message)]);
}
