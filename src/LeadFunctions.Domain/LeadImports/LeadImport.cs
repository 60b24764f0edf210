using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.LeadImports;

/// <summary>
/// One validated row of an import: the person and campaign fields as a form would carry them (validated by the same
/// code), the list's source, and for a rep's own lead the rep who owns it. Personal data, like a submission.
/// </summary>
public sealed record LeadImport(ImportSource Source, FormSubmission Details, string? Owner = null);
