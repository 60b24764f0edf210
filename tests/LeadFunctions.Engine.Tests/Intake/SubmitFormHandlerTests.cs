using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Tests.Support;

namespace LeadFunctions.Engine.Tests.Intake;

public sealed class SubmitFormHandlerTests : IDisposable
{
    private readonly Harness _h = new();

    public SubmitFormHandlerTests() => _h.OnLoad(current: null);

    public void Dispose() => _h.Dispose();

    private static Dictionary<string, string?> Valid(string email = "ana@acme.example", string? submissionId = "s-1") => new(StringComparer.Ordinal)
    {
        [SubmissionFields.Email] = email,
        [SubmissionFields.FirstName] = "Ana",
        [SubmissionFields.Company] = "Acme",
        [SubmissionFields.JobTitle] = "Head of Operations",
        [SubmissionFields.Country] = "us",
        [SubmissionFields.Employees] = "200",
        [SubmissionFields.SubmissionId] = submissionId,
    };

    private Task<SubmissionResult> Submit(IReadOnlyDictionary<string, string?> fields, string formId = "contact-us", string? idempotencyKey = null)
        => _h.FormHandler.HandleAsync(formId, fields, idempotencyKey, CancellationToken.None);

    private void AssertNothingStored()
    {
        Assert.Empty(_h.Calls);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Valid_submission_is_accepted_under_the_person_lead_id_and_command_id_sub_plus_submission_id()
    {
        var result = await Submit(Valid());

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Equal("s-1", result.SubmissionId);
        Assert.Equal(Harness.LeadIdOf("ana@acme.example"), result.LeadId);
        Assert.Empty(result.Errors);

        // A person who raises a hand goes to a rep at once, and a person nobody knows is inserted without a read.
        Assert.Empty(_h.Loads);
        var save = Assert.Single(_h.Saves);
        Assert.Null(save.ExpectedETag);
        Assert.Equal("sub:s-1", save.Audit.CommandId);
        Assert.Equal(TransitionType.FormSubmitted, save.Audit.Type);
        Assert.Equal("form:contact-us", save.Audit.Actor);
        Assert.Equal(_h.Now, save.Audit.OccurredAt);
        Assert.Equal(result.LeadId, save.Lead.Id);
        Assert.Equal("ana@acme.example", save.Lead.Person.Email);
        Assert.Equal("US", save.Lead.Person.Country);
        Assert.Equal(200, save.Lead.Person.Employees);
        Assert.Equal("contact-us", save.Lead.LastFormId);
        Assert.Equal(LifecycleStage.SQL, save.Lead.Stage);
    }

    [Fact]
    public async Task Informational_form_makes_a_nurtured_mql()
    {
        var result = await Submit(Valid(), formId: "whitepaper");

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(LifecycleStage.MQL, save.Lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, save.Lead.Status);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("Contact-Us")]
    [InlineData("")]
    [InlineData("../contact-us")]
    public async Task Unknown_form_is_refused_before_anything_is_read_or_stored(string formId)
    {
        var result = await Submit(Valid(), formId);

        Assert.Equal(SubmissionStatus.UnknownForm, result.Status);
        Assert.Null(result.LeadId);
        AssertNothingStored();
    }

    [Theory]
    [InlineData(null, "E-mail is required.")]
    [InlineData("   ", "E-mail is required.")]
    [InlineData("not-an-email", "E-mail is not a valid address.")]
    [InlineData("ana@acme", "E-mail is not a valid address.")]
    [InlineData("a@b@acme.example", "E-mail is not a valid address.")]
    public async Task Missing_or_invalid_email_is_invalid_on_the_email_field(string? email, string message)
    {
        var fields = Valid();
        if (email is null)
        {
            fields.Remove(SubmissionFields.Email);
        }
        else
        {
            fields[SubmissionFields.Email] = email;
        }

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal("email", error.Field);
        Assert.Equal(message, error.Message);
        Assert.Null(result.LeadId);
        AssertNothingStored();
    }

    [Fact]
    public async Task Unknown_field_is_invalid_and_named()
    {
        var fields = Valid();
        fields["favouriteColour"] = "blue";

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal("favouriteColour", error.Field);
        Assert.Equal("Unknown field.", error.Message);
        AssertNothingStored();
    }

    [Fact]
    public async Task Unknown_fields_are_listed_at_most_ten_with_names_cut_to_64_characters()
    {
        var fields = Valid();
        var longName = new string('z', 100);
        fields[longName] = "x";
        for (var i = 0; i < 12; i++)
        {
            fields[$"extra{i:00}"] = "x";
        }

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        Assert.Equal(10, result.Errors.Count);
        Assert.Equal("extra00", result.Errors[0].Field);
        Assert.All(result.Errors, e => Assert.True(e.Field.Length <= 64));
        AssertNothingStored();
    }

    [Fact]
    public async Task Resubmission_with_the_same_submission_id_answers_the_same_ids_and_writes_nothing()
    {
        var leadId = Harness.LeadIdOf("ana@acme.example");
        var lead = _h.NewSqlLead("ana@acme.example", _h.Now);
        var prior = new AuditRecord("sub:s-1", TransitionType.FormSubmitted, OutcomeKind.Applied, null, "form:contact-us", null,
            _h.Now, _h.Now, null, LifecycleStage.SQL, null, LeadStatus.New, 1);
        _h.OnLoad(_h.StoredAs(lead, "e1"), prior);
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.CommandAlreadyRecorded));

        // The insert guess is refused (the command is recorded), and the read finds the recorded outcome.
        var result = await Submit(Valid(submissionId: "s-1"));

        Assert.Equal(SubmissionResult.Accepted("s-1", leadId) with { Errors = result.Errors }, result);
        Assert.Empty(result.Errors);
        Assert.Equal(["save", "load"], _h.Calls);
        Assert.Equal([(leadId, "sub:s-1")], _h.Loads);
    }

    [Fact]
    public async Task Filled_honeypot_is_ignored_and_nothing_is_stored()
    {
        var fields = Valid();
        fields[SubmissionFields.Honeypot] = "https://spam.example";

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Ignored, result.Status);
        Assert.Equal("s-1", result.SubmissionId);
        Assert.Null(result.LeadId);
        Assert.Empty(result.Errors);
        AssertNothingStored();
        _h.Store.VerifyNoOtherCalls();
        _h.Index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Blank_honeypot_is_not_a_bot()
    {
        var fields = Valid();
        fields[SubmissionFields.Honeypot] = "  ";

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Single(_h.Saves);
    }

    [Fact]
    public async Task Body_submission_id_differing_from_the_idempotency_key_is_invalid()
    {
        var result = await Submit(Valid(submissionId: "s-1"), idempotencyKey: "s-2");

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal(SubmissionFields.SubmissionId, error.Field);
        AssertNothingStored();
    }

    [Fact]
    public async Task Body_submission_id_equal_to_the_idempotency_key_is_accepted()
    {
        var result = await Submit(Valid(submissionId: "s-1"), idempotencyKey: "s-1");

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Equal("s-1", result.SubmissionId);
        Assert.Equal("sub:s-1", Assert.Single(_h.Saves).Audit.CommandId);
    }

    [Fact]
    public async Task Idempotency_key_alone_is_the_submission_id()
    {
        var result = await Submit(Valid(submissionId: null), idempotencyKey: "hdr_1.A:b");

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Equal("hdr_1.A:b", result.SubmissionId);
        Assert.Equal("sub:hdr_1.A:b", Assert.Single(_h.Saves).Audit.CommandId);
    }

    [Fact]
    public async Task Without_any_submission_id_one_is_generated_and_used_for_the_command_id()
    {
        var result = await Submit(Valid(submissionId: null));

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Matches("^[0-9a-f]{32}$", result.SubmissionId);
        Assert.Equal("sub:" + result.SubmissionId, Assert.Single(_h.Saves).Audit.CommandId);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a b")]
    [InlineData("é")]
    public async Task Submission_id_outside_the_safe_alphabet_is_invalid(string submissionId)
    {
        var fromBody = await Submit(Valid(submissionId: submissionId));
        var fromHeader = await Submit(Valid(submissionId: null), idempotencyKey: submissionId);

        foreach (var result in new[] { fromBody, fromHeader })
        {
            Assert.Equal(SubmissionStatus.Invalid, result.Status);
            Assert.Equal(SubmissionFields.SubmissionId, Assert.Single(result.Errors).Field);
        }

        AssertNothingStored();
    }

    [Fact]
    public async Task Submission_id_longer_than_the_limit_is_invalid()
    {
        var ok = await Submit(Valid(submissionId: new string('x', CommandIds.MaxLength)));
        var tooLong = await Submit(Valid(submissionId: new string('x', CommandIds.MaxLength + 1)));

        Assert.Equal(SubmissionStatus.Accepted, ok.Status);
        Assert.Equal(SubmissionStatus.Invalid, tooLong.Status);
        Assert.Equal(SubmissionFields.SubmissionId, Assert.Single(tooLong.Errors).Field);
    }

    [Fact]
    public async Task Same_email_in_another_case_and_with_spaces_is_the_same_lead()
    {
        var first = await Submit(Valid(email: "ana@acme.example", submissionId: "s-1"));
        var second = await Submit(Valid(email: "  Ana@ACME.Example \t", submissionId: "s-2"));

        Assert.Equal(SubmissionStatus.Accepted, second.Status);
        Assert.Equal(first.LeadId, second.LeadId);
        Assert.Equal(Harness.LeadIdOf("ana@acme.example"), second.LeadId);
        Assert.All(_h.Saves, s => Assert.Equal(first.LeadId, s.Lead.Id));
        Assert.All(_h.Saves, s => Assert.Equal("ana@acme.example", s.Lead.Person.Email));

        // The first is inserted on a guess; the second finds the lead the first one wrote in the cache: no read, written against its tag.
        Assert.Empty(_h.Loads);
        Assert.Equal([null, Harness.SavedETag(1)], _h.Saves.Select(s => s.ExpectedETag));
    }

    [Fact]
    public async Task Different_emails_are_different_leads()
    {
        var first = await Submit(Valid(email: "ana@acme.example"));
        var second = await Submit(Valid(email: "bea@acme.example"));

        Assert.NotEqual(first.LeadId, second.LeadId);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" yes ", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("off", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public async Task Consent_is_parsed_from_the_usual_checkbox_values(string? raw, bool expected)
    {
        var fields = Valid();
        if (raw is not null)
        {
            fields[SubmissionFields.Consent] = raw;
        }

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Equal(expected, Assert.Single(_h.Saves).Lead.Consent);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("checked")]
    public async Task Consent_that_is_not_a_boolean_is_invalid(string raw)
    {
        var fields = Valid();
        fields[SubmissionFields.Consent] = raw;

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        Assert.Equal(SubmissionFields.Consent, Assert.Single(result.Errors).Field);
        AssertNothingStored();
    }

    [Fact]
    public async Task Utm_campaign_is_stamped_on_the_lead()
    {
        var fields = Valid();
        fields[SubmissionFields.UtmCampaign] = " spring-launch ";

        await Submit(fields);

        Assert.Equal("spring-launch", Assert.Single(_h.Saves).Lead.Campaigns.SqlFirst);
    }

    [Fact]
    public async Task Overlong_message_and_utm_are_invalid()
    {
        var fields = Valid();
        fields[SubmissionFields.Message] = new string('m', SubmissionFields.MaxMessageLength + 1);
        fields[SubmissionFields.UtmSource] = new string('u', SubmissionFields.MaxUtmLength + 1);

        var result = await Submit(fields);

        Assert.Equal(SubmissionStatus.Invalid, result.Status);
        Assert.Equal([SubmissionFields.Message, SubmissionFields.UtmSource], result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        AssertNothingStored();
    }

    [Fact]
    public async Task Store_outage_is_not_reported_as_accepted()
    {
        _h.SaveBehavior = (_, _) => Task.FromException(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Submit(Valid()));
    }
}
