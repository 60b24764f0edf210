using System.Globalization;
using System.Net.Mail;
using System.Text;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Intake;

/// <summary>Raw person fields as a form sent them, before trimming, case-folding and length checks.</summary>
public sealed record PersonInput(
    string? Email,
    string? FirstName = null,
    string? LastName = null,
    string? Company = null,
    string? JobTitle = null,
    string? Phone = null,
    string? Country = null,
    string? Employees = null);

/// <summary>One field that failed validation. Messages never echo the value: it may be personal data.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Turns raw form fields into a <see cref="Person"/>: trimmed, case-folded e-mail, bounded lengths, no control characters.</summary>
public static class PersonValidation
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 200;
    public const int MaxPhoneLength = 40;
    public const int MaxEmployees = 10_000_000;

    public static Person? Validate(PersonInput input, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var email = NormalizeEmail(input.Email, errors);
        var person = new Person(
            email ?? string.Empty,
            Text("firstName", input.FirstName, MaxNameLength, errors),
            Text("lastName", input.LastName, MaxNameLength, errors),
            Text("company", input.Company, MaxTextLength, errors),
            Text("jobTitle", input.JobTitle, MaxTextLength, errors),
            Phone(input.Phone, errors),
            Country(input.Country, errors),
            Employees(input.Employees, errors));
        return errors.Count == 0 ? person : null;
    }

    public static string? NormalizeEmail(string? raw, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var email = raw?.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(new FieldError("email", "E-mail is required."));
            return null;
        }

        if (email.Length > MaxEmailLength)
        {
            errors.Add(new FieldError("email", $"E-mail must be at most {MaxEmailLength} characters."));
            return null;
        }

        if (!IsPlausibleEmail(email))
        {
            errors.Add(new FieldError("email", "E-mail is not a valid address."));
            return null;
        }

        return email;
    }

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 1 || at != email.IndexOf('@', StringComparison.Ordinal) || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        if (email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '\\' or '"'))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;
    }

    private static string? Text(string field, string? raw, int maxLength, List<FieldError> errors)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(new FieldError(field, $"Must be at most {maxLength} characters."));
            return null;
        }

        if (value.Any(char.IsControl))
        {
            errors.Add(new FieldError(field, "Must not contain control characters."));
            return null;
        }

        return value.Normalize(NormalizationForm.FormC);
    }

    private static string? Phone(string? raw, List<FieldError> errors)
    {
        var value = Text("phone", raw, MaxPhoneLength, errors);
        if (value is not null && !value.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.' or '/' or 'x'))
        {
            errors.Add(new FieldError("phone", "May contain only digits, spaces and + - ( ) . / x."));
            return null;
        }

        return value;
    }

    private static string? Country(string? raw, List<FieldError> errors)
    {
        var value = Text("country", raw, 2, errors)?.ToUpperInvariant();
        if (value is not null && !(value.Length == 2 && value.All(char.IsAsciiLetter) && CountryCodes.IsAssigned(value)))
        {
            errors.Add(new FieldError("country", "Must be an assigned ISO 3166-1 alpha-2 code such as US or FR."));
            return null;
        }

        return value;
    }

    private static int? Employees(string? raw, List<FieldError> errors)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var employees) || employees > MaxEmployees)
        {
            errors.Add(new FieldError("employees", $"Must be a whole number from 0 to {MaxEmployees}."));
            return null;
        }

        return employees;
    }
}
