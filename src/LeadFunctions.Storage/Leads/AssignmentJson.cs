using System.Text.Json;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Storage.Leads;

/// <summary>An assignment ("why this rep") as stored: inside the lead document, and on its own in an audit line.</summary>
internal static class AssignmentJson
{
    public static string Write(Assignment assignment)
        => JsonSerializer.Serialize(ToDocument(assignment), LeadDocumentJsonContext.Default.AssignmentDocument);

    public static Assignment Read(string json)
        => ToAssignment(JsonSerializer.Deserialize(json, LeadDocumentJsonContext.Default.AssignmentDocument)
            ?? throw new InvalidDataException("An audit line's assignment is null."));

    public static AssignmentDocument ToDocument(Assignment assignment) => new()
    {
        Team = assignment.Team,
        Rule = assignment.Rule,
        Rep = assignment.Rep,
        Reason = assignment.Reason,
        At = assignment.At,
        Skipped = assignment.Skipped.IsDefaultOrEmpty ? null : [.. assignment.Skipped.Select(s => new SkippedRepDocument { Rep = s.Rep, Why = s.Why })],
        RetryAt = assignment.RetryAt,
    };

    public static Assignment ToAssignment(AssignmentDocument document) => new(
        document.Team, document.Rule, document.Rep, document.Reason, document.At,
        [.. (document.Skipped ?? []).Select(s => new SkippedRep(s.Rep, s.Why))],
        document.RetryAt);
}
