using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Tests.Support;
using Moq;

namespace LeadFunctions.Engine.Tests.LeadImports;

/// <summary>A row is validated like a form, keyed by its row key or its person, and applied as one audited command.</summary>
public sealed class ImportRowHandlerTests : IDisposable
{
    private readonly Harness _h = new();

    public ImportRowHandlerTests() => _h.OnLoad(current: null);

    public void Dispose() => _h.Dispose();

    private ImportRowHandler Handler => new(Harness.Playbook, Harness.Identity, _h.Processor, _h.Time);

    private static ImportRow Row(int n, params (string Name, string Value)[] fields)
        => new(n, fields.ToDictionary(f => f.Name, f => (string?)f.Value, StringComparer.Ordinal));

    private Task<(RowOutcome Outcome, IReadOnlyList<ImportError> Errors)> Handle(ImportSource source, ImportRow row)
        => Handler.HandleAsync("imp-1", source, row, CancellationToken.None);

    [Fact]
    public async Task A_valid_row_creates_its_persons_lead_with_one_audited_write()
    {
        var (outcome, errors) = await Handle(ImportSource.PurchasedList, Row(1, ("email", "Ana@Acme.example"), ("company", "Acme")));

        Assert.Equal(RowOutcome.Created, outcome);
        Assert.Empty(errors);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(Harness.LeadIdOf("ana@acme.example"), save.Lead.Id);
        Assert.Equal((TransitionType.LeadImported, "imp:purchased-list:" + save.Lead.Id), (save.Audit.Type, save.Audit.CommandId));
        Assert.Equal((LifecycleStage.MQL, LeadStatus.Nurturing), (save.Lead.Stage, save.Lead.Status));
    }

    [Fact]
    public async Task The_row_key_names_the_command_when_given()
    {
        await Handle(ImportSource.Customers, Row(1, ("email", "ana@acme.example"), ("rowKey", "crm-42")));

        Assert.Equal("imp:customers:crm-42", Assert.Single(_h.Saves).Audit.CommandId);
    }

    [Fact]
    public async Task A_row_the_form_validator_refuses_stores_nothing_and_says_which_field()
    {
        var (outcome, errors) = await Handle(ImportSource.Research, Row(7, ("email", "not-an-address"), ("website", "x"), ("consent", "maybe")));

        Assert.Equal(RowOutcome.Failed, outcome);
        Assert.Empty(_h.Saves);
        Assert.All(errors, e => Assert.Equal(7, e.Row));
        Assert.Contains(errors, e => e.Field == "email");
        Assert.Contains(errors, e => e.Field == "website" && e.Message == "Unknown field.");
        Assert.Contains(errors, e => e.Field == "consent");
    }

    [Theory]
    [InlineData(ImportSource.Manual, null, "Required for a manual import: the rep who owns the lead.")]
    [InlineData(ImportSource.Manual, "rep-nobody", "No rep of that id in the playbook's teams.")]
    [InlineData(ImportSource.PurchasedList, "rep-ann", "Only a manual import names an owner.")]
    public async Task The_owner_column_is_for_manual_imports_and_names_a_known_rep(ImportSource source, string? owner, string message)
    {
        var fields = new List<(string, string)> { ("email", "ana@acme.example") };
        if (owner is not null)
        {
            fields.Add(("owner", owner));
        }

        var (outcome, errors) = await Handle(source, Row(3, [.. fields]));

        Assert.Equal(RowOutcome.Failed, outcome);
        Assert.Equal(new ImportError(3, "owner", message), Assert.Single(errors));
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task A_manual_row_is_owned_by_its_rep()
    {
        var (outcome, _) = await Handle(ImportSource.Manual, Row(1, ("email", "ana@acme.example"), ("owner", "rep-ben")));

        Assert.Equal(RowOutcome.Created, outcome);
        Assert.Equal("rep-ben", Assert.Single(_h.Saves).Lead.Owner);
    }

    [Fact]
    public async Task A_row_already_recorded_is_unchanged_and_writes_nothing()
    {
        var prior = new AuditRecord("imp:purchased-list:x", TransitionType.LeadImported, OutcomeKind.Applied, null, "import:purchased-list", null,
            _h.Now, _h.Now, null, LifecycleStage.MQL, null, LeadStatus.Nurturing, 1);
        var existing = _h.NewMqlLead("ana@acme.example", _h.Now);
        _h.Store.Setup(s => s.SaveAsync(It.IsAny<LeadWrite>(), It.IsAny<CancellationToken>())).ThrowsAsync(new LeadWriteConflictException(WriteConflict.CommandAlreadyRecorded));
        _h.OnLoad(_h.StoredAs(existing, "e1"), prior);

        var (outcome, _) = await Handle(ImportSource.PurchasedList, Row(1, ("email", "ana@acme.example")));

        Assert.Equal(RowOutcome.Unchanged, outcome);
    }

    [Fact]
    public async Task An_unreadable_row_reports_its_parse_error()
    {
        var (outcome, errors) = await Handle(ImportSource.Research, new ImportRow(9, null, [new("$", "The row is not valid JSON.")]));

        Assert.Equal(RowOutcome.Failed, outcome);
        Assert.Equal(new ImportError(9, "$", "The row is not valid JSON."), Assert.Single(errors));
    }
}
