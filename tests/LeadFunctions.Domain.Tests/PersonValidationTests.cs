using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Domain.Tests;

/// <summary>Raw form fields to a Person: trimmed, case-folded, bounded, and never echoed back in errors.</summary>
public sealed class PersonValidationTests
{
    [Fact]
    public void Valid_input_is_trimmed_and_normalised()
    {
        var errors = new List<FieldError>();

        var person = PersonValidation.Validate(
            new PersonInput("  Jane.Doe@Example.COM ", " Jane ", " Doe ", " Acme ", " VP Sales ", " +1 (555) 010-0100 x12 ", " fr ", " 250 "),
            errors);

        Assert.Empty(errors);
        Assert.NotNull(person);
        Assert.Equal("jane.doe@example.com", person.Email);
        Assert.Equal("example.com", person.EmailDomain);
        Assert.Equal("Jane", person.FirstName);
        Assert.Equal("Doe", person.LastName);
        Assert.Equal("Acme", person.Company);
        Assert.Equal("VP Sales", person.JobTitle);
        Assert.Equal("+1 (555) 010-0100 x12", person.Phone);
        Assert.Equal("FR", person.Country);
        Assert.Equal(250, person.Employees);
    }

    [Fact]
    public void Optional_fields_may_be_missing_or_blank()
    {
        var errors = new List<FieldError>();

        var person = PersonValidation.Validate(new PersonInput("a@b.io", "  ", null, "", Country: " ", Employees: "  "), errors);

        Assert.Empty(errors);
        Assert.NotNull(person);
        Assert.Null(person.FirstName);
        Assert.Null(person.LastName);
        Assert.Null(person.Company);
        Assert.Null(person.Country);
        Assert.Null(person.Employees);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Email_is_required(string? email)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput(email), errors));

        var error = Assert.Single(errors);
        Assert.Equal("email", error.Field);
        Assert.Equal("E-mail is required.", error.Message);
    }

    [Theory]
    [InlineData("jane.example.com")]
    [InlineData("jane@@example.com")]
    [InlineData("jane@doe@example.com")]
    [InlineData("jane doe@example.com")]
    [InlineData("jane@exa mple.com")]
    [InlineData("<script>")]
    [InlineData("<script>@example.com")]
    [InlineData("jane@example")]
    [InlineData("@example.com")]
    [InlineData("jane@")]
    [InlineData("jane@.example.com")]
    [InlineData("jane@example.com.")]
    [InlineData("jane@example..com")]
    [InlineData("\"Jane\" <jane@example.com>")]
    [InlineData("jane@example.com,joe@example.com")]
    [InlineData("jane\t@example.com")]
    public void Invalid_email_forms_are_rejected(string email)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput(email), errors));

        var error = Assert.Single(errors);
        Assert.Equal("email", error.Field);
        Assert.Equal("E-mail is not a valid address.", error.Message);
    }

    [Fact]
    public void Email_at_the_length_limit_is_accepted_and_one_more_is_rejected()
    {
        var domain = "@example.com";
        var atLimit = new string('a', PersonValidation.MaxEmailLength - domain.Length) + domain;
        var errors = new List<FieldError>();

        Assert.Equal(atLimit, PersonValidation.NormalizeEmail(atLimit, errors));
        Assert.Empty(errors);

        Assert.Null(PersonValidation.NormalizeEmail("a" + atLimit, errors));
        var error = Assert.Single(errors);
        Assert.Equal("email", error.Field);
        Assert.Contains("254", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_length_is_checked_after_trimming()
    {
        var domain = "@example.com";
        var atLimit = new string('a', PersonValidation.MaxEmailLength - domain.Length) + domain;
        var errors = new List<FieldError>();

        Assert.Equal(atLimit, PersonValidation.NormalizeEmail("   " + atLimit + "   ", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("firstName", PersonValidation.MaxNameLength)]
    [InlineData("lastName", PersonValidation.MaxNameLength)]
    [InlineData("company", PersonValidation.MaxTextLength)]
    [InlineData("jobTitle", PersonValidation.MaxTextLength)]
    [InlineData("phone", PersonValidation.MaxPhoneLength)]
    public void Field_length_limits_are_enforced(string field, int limit)
    {
        var fill = field == "phone" ? '5' : 'x';
        var ok = new List<FieldError>();
        Assert.NotNull(PersonValidation.Validate(Input(field, new string(fill, limit)), ok));
        Assert.Empty(ok);

        var errors = new List<FieldError>();
        Assert.Null(PersonValidation.Validate(Input(field, new string(fill, limit + 1)), errors));

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal($"Must be at most {limit} characters.", error.Message);
    }

    [Fact]
    public void Control_characters_are_rejected()
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("a@b.io", FirstName: "Ja\u0000ne", Company: "Ac\nme"), errors));

        Assert.Equal(["firstName", "company"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Phone_allows_only_dial_characters()
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("a@b.io", Phone: "call me maybe"), errors));

        Assert.Equal("phone", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("us", "US")]
    [InlineData("Fr", "FR")]
    [InlineData(" gb ", "GB")]
    public void Country_is_upper_cased(string raw, string expected)
    {
        var errors = new List<FieldError>();

        Assert.Equal(expected, PersonValidation.Validate(new PersonInput("a@b.io", Country: raw), errors)?.Country);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData("U1")]
    [InlineData("12")]
    [InlineData("é")]
    [InlineData("U.")]
    public void Country_must_be_two_letters(string raw)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("a@b.io", Country: raw), errors));

        Assert.Equal("country", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("XY")]
    [InlineData("ZZ")]
    [InlineData("UK")]
    [InlineData("EU")]
    [InlineData("xk")]
    public void Country_must_be_an_assigned_iso_3166_1_code(string raw)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("a@b.io", Country: raw), errors));

        Assert.Equal("country", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("ax", "AX")]
    [InlineData("SS", "SS")]
    [InlineData("cw", "CW")]
    [InlineData("AQ", "AQ")]
    public void Recently_assigned_and_uninhabited_codes_are_countries(string raw, string expected)
    {
        var errors = new List<FieldError>();

        Assert.Equal(expected, PersonValidation.Validate(new PersonInput("a@b.io", Country: raw), errors)?.Country);
        Assert.Empty(errors);
        Assert.Equal(249, CountryCodes.Count);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData(" 250 ", 250)]
    [InlineData("10000000", PersonValidation.MaxEmployees)]
    public void Employees_parse_as_whole_numbers(string raw, int expected)
    {
        var errors = new List<FieldError>();

        Assert.Equal(expected, PersonValidation.Validate(new PersonInput("a@b.io", Employees: raw), errors)?.Employees);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("1,000")]
    [InlineData("1 000")]
    [InlineData("12.5")]
    [InlineData("lots")]
    [InlineData("10000001")]
    [InlineData("99999999999")]
    [InlineData("0x10")]
    public void Employees_reject_anything_but_a_bounded_whole_number(string raw)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("a@b.io", Employees: raw), errors));

        var error = Assert.Single(errors);
        Assert.Equal("employees", error.Field);
    }

    [Fact]
    public void Every_bad_field_is_reported_together()
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(new PersonInput("nope", new string('x', 101), Country: "USA", Employees: "many"), errors));

        Assert.Equal(["email", "firstName", "country", "employees"], errors.Select(e => e.Field));
    }

    public static TheoryData<PersonInput, string> BadValues => new()
    {
        { new PersonInput("secret.person<script>@evil.example"), "secret.person" },
        { new PersonInput("secret.person@@evil.example"), "secret.person" },
        { new PersonInput("x" + new string('s', 300) + "@evil.example"), "sssssss" },
        { new PersonInput("a@b.io", FirstName: "Secretname" + new string('z', 100)), "Secretname" },
        { new PersonInput("a@b.io", LastName: "Privatelast\u0001"), "Privatelast" },
        { new PersonInput("a@b.io", Company: "Hiddenco" + new string('q', 200)), "Hiddenco" },
        { new PersonInput("a@b.io", JobTitle: "Covertjob\u0007"), "Covertjob" },
        { new PersonInput("a@b.io", Phone: "555-SECRET"), "SECRET" },
        { new PersonInput("a@b.io", Country: "Zq9"), "Zq9" },
        { new PersonInput("a@b.io", Country: "Q7"), "Q7" },
        { new PersonInput("a@b.io", Employees: "987654321987"), "987654321987" },
        { new PersonInput("a@b.io", Employees: "secretcount"), "secretcount" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Error_messages_never_contain_the_submitted_value(PersonInput input, string secret)
    {
        var errors = new List<FieldError>();

        Assert.Null(PersonValidation.Validate(input, errors));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain(secret, e.Message, StringComparison.OrdinalIgnoreCase));
        Assert.All(errors, e => Assert.DoesNotContain(secret, e.Field, StringComparison.OrdinalIgnoreCase));
    }

    private static PersonInput Input(string field, string value) => field switch
    {
        "firstName" => new PersonInput("a@b.io", FirstName: value),
        "lastName" => new PersonInput("a@b.io", LastName: value),
        "company" => new PersonInput("a@b.io", Company: value),
        "jobTitle" => new PersonInput("a@b.io", JobTitle: value),
        "phone" => new PersonInput("a@b.io", Phone: value),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
