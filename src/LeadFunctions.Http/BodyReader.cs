using LeadFunctions.Http.Answers;
using System.Text.Json;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace LeadFunctions.Http;

/// <summary>A request body read into memory with a hard size limit, or the problem answer explaining why it was refused.</summary>
internal readonly record struct BodyRead(byte[]? Body, ProblemAnswer? Problem);

/// <summary>A JSON object read from the body, or the problem answer.</summary>
internal readonly record struct JsonObjectRead(System.Text.Json.JsonElement Root, ProblemAnswer? Problem);

/// <summary>A flat field map read from JSON or a form, or the problem answer.</summary>
internal readonly record struct FieldsRead(Dictionary<string, string?>? Fields, ProblemAnswer? Problem);

internal static class BodyReader
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; one byte more means 413. Content-Length is only a shortcut, never trusted.</summary>
    public static async Task<BodyRead> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return new BodyRead(null, Problems.TooLarge(limit));
        }

        var buffer = new byte[limit + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total > limit ? new BodyRead(null, Problems.TooLarge(limit)) : new BodyRead(buffer[..total], null);
    }

    /// <summary>
    /// A keyed route's JSON body: application/json, within <paramref name="limit"/> bytes, strict UTF-8 JSON (duplicate
    /// names refused) no deeper than <paramref name="maxDepth"/>, and an object; otherwise the 415, 413 or 400 to answer.
    /// </summary>
    public static async Task<JsonObjectRead> JsonObjectAsync(HttpRequest request, int limit, int maxDepth, CancellationToken cancellationToken)
    {
        if (!IsJson(request))
        {
            return new(default, Problems.UnsupportedMediaType("Send application/json."));
        }

        var body = await ReadAsync(request, limit, cancellationToken);
        if (body.Problem is not null)
        {
            return new(default, body.Problem);
        }

        using var document = StrictJson.TryParse(body.Body!, maxDepth);
        if (document is null)
        {
            return new(default, Problems.BadRequest(RejectionReasons.MalformedJson, "The body is not valid UTF-8 JSON."));
        }

        return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            ? new(document.RootElement.Clone(), null)
            : new(default, Problems.BadRequest(RejectionReasons.NotAnObject, "The body must be a JSON object."));
    }

    public static bool IsJson(HttpRequest request)
        => MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (type.Suffix.HasValue && type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));

    public static bool IsForm(HttpRequest request)
        => MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase));

    /// <summary>A JSON object whose values are strings, numbers or booleans; anything else is a 400.</summary>
    public static FieldsRead FlatJson(byte[] body)
    {
        using var document = StrictJson.TryParse(body, maxDepth: 4);
        if (document is null)
        {
            return new FieldsRead(null, Problems.BadRequest(RejectionReasons.MalformedJson, "The body is not valid UTF-8 JSON."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new FieldsRead(null, Problems.BadRequest(RejectionReasons.NotAnObject, "The body must be a JSON object."));
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<Domain.Intake.FieldError>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            var name = Domain.Intake.FieldNames.Shortened(property.Name);
            if (value is null)
            {
                errors.Add(new(name, "Must be a string, number or boolean."));
            }
            else if (!fields.TryAdd(property.Name, value))
            {
                errors.Add(new(name, "Appears more than once."));
            }
        }

        return errors.Count > 0 ? new FieldsRead(null, Problems.Invalid(errors)) : new FieldsRead(fields, null);
    }

    /// <summary>URL-encoded or multipart fields; a repeated field or a file upload is a 400.</summary>
    public static async Task<FieldsRead> FormAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            // The body was read under the size limit; the form parser works on that copy.
            request.Body = new MemoryStream(body, writable: false);
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return new FieldsRead(null, Problems.BadRequest(RejectionReasons.UnreadableForm, "The form body could not be read."));
        }

        if (form.Files.Count > 0)
        {
            return new FieldsRead(null, Problems.BadRequest(RejectionReasons.FileUpload, "File uploads are not accepted."));
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<Domain.Intake.FieldError>();
        foreach (var (key, values) in form)
        {
            if (values.Count > 1)
            {
                errors.Add(new(Domain.Intake.FieldNames.Shortened(key), "Appears more than once."));
            }
            else
            {
                fields[key] = values.ToString();
            }
        }

        return errors.Count > 0 ? new FieldsRead(null, Problems.Invalid(errors)) : new FieldsRead(fields, null);
    }

    public static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;
}
