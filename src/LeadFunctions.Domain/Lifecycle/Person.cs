namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Who the lead is. Personal data: it lives in the lead row only and never reaches logs or metrics.</summary>
public sealed record Person(
    string Email,
    string? FirstName = null,
    string? LastName = null,
    string? Company = null,
    string? JobTitle = null,
    string? Phone = null,
    string? Country = null,
    int? Employees = null)
{
    public string EmailDomain => Email[(Email.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>A newer submission refines what we know; it never blanks a field it left empty.</summary>
    public Person MergedWith(Person newer) => new(
        Email,
        newer.FirstName ?? FirstName,
        newer.LastName ?? LastName,
        newer.Company ?? Company,
        newer.JobTitle ?? JobTitle,
        newer.Phone ?? Phone,
        newer.Country ?? Country,
        newer.Employees ?? Employees);
}
