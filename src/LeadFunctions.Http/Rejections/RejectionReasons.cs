namespace LeadFunctions.Http.Rejections;

/// <summary>Short, fixed reason codes for refused requests: what a log line says instead of anything the client sent.</summary>
public static class RejectionReasons
{
    public const string InvalidFields = "invalid-fields";
    public const string MalformedJson = "malformed-json";
    public const string NotAnObject = "not-an-object";
    public const string UnreadableForm = "unreadable-form";
    public const string FileUpload = "file-upload";
    public const string BodyTooLarge = "body-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string NoValidKey = "no-valid-key";
    public const string NotSignedIn = "not-signed-in";
    public const string RateLimited = "rate-limited";
    public const string NoSuchForm = "no-such-form";
    public const string NoSuchLead = "no-such-lead";
    public const string NoSuchSweep = "no-such-sweep";
    public const string NoSuchRep = "no-such-rep";
    public const string NoSuchImportSource = "no-such-import-source";
    public const string NoSuchImport = "no-such-import";
    public const string NoRows = "no-rows";
    public const string TooManyRows = "too-many-rows";
    public const string UnreadableImport = "unreadable-import";
}
