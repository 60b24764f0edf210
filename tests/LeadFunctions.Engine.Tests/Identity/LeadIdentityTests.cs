using LeadFunctions.Engine.Identity;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Tests.Identity;

public sealed class LeadIdentityTests
{
    private const string KeyA = "key-a-0123456789-0123456789-0123456789";
    private const string KeyB = "key-b-0123456789-0123456789-0123456789";

    private static LeadIdentity With(string key) => new(Options.Create(new LeadIdentityOptions { Key = key }));

    [Fact]
    public void Same_email_and_key_give_the_same_id_across_instances()
    {
        Assert.Equal(With(KeyA).LeadIdFor("ana@acme.example"), With(KeyA).LeadIdFor("ana@acme.example"));
    }

    [Fact]
    public void Id_depends_on_the_key()
    {
        Assert.NotEqual(With(KeyA).LeadIdFor("ana@acme.example"), With(KeyB).LeadIdFor("ana@acme.example"));
    }

    [Fact]
    public void Id_depends_on_the_email()
    {
        var identity = With(KeyA);
        Assert.NotEqual(identity.LeadIdFor("ana@acme.example"), identity.LeadIdFor("bea@acme.example"));
    }

    [Fact]
    public void Id_is_not_the_plain_email_or_an_unkeyed_hash_of_it()
    {
        var id = With(KeyA).LeadIdFor("ana@acme.example");
        Assert.DoesNotContain("ana", id, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ana@acme.example")]
    [InlineData("bea@acme.example")]
    [InlineData("x@y.z")]
    [InlineData("élodie@exemple.fr")]
    public void Produced_ids_are_well_formed(string email)
    {
        var id = With(KeyA).LeadIdFor(email);

        Assert.Equal(27, id.Length);
        Assert.StartsWith("ld-", id, StringComparison.Ordinal);
        Assert.True(LeadIdentity.IsWellFormed(id), id);
    }

    [Fact]
    public void Many_produced_ids_are_well_formed_and_distinct()
    {
        var identity = With(KeyA);
        var ids = Enumerable.Range(0, 2000).Select(i => identity.LeadIdFor($"person{i}@acme.example")).ToList();

        Assert.All(ids, id => Assert.True(LeadIdentity.IsWellFormed(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ld-../etc")]
    [InlineData("ld-../../../../../../../etc")]
    [InlineData("ld-AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("LD-aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("xx-aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaai")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaal")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaao")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaau")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaa/a")]
    [InlineData("ld-aaaaaaaaaaaaaaaaaaaaaaa ")]
    public void Anything_else_is_not_well_formed(string? candidate)
    {
        Assert.False(LeadIdentity.IsWellFormed(candidate));
    }

    [Fact]
    public void Uppercased_produced_id_is_not_well_formed()
    {
        var id = With(KeyA).LeadIdFor("ana@acme.example");
        var upper = "ld-" + id[3..].ToUpperInvariant();

        Assert.NotEqual(id, upper); // 24 base32 characters that are all digits would make this test meaningless
        Assert.False(LeadIdentity.IsWellFormed(upper));
    }

    [Fact]
    public void Well_formed_accepts_every_alphabet_character()
    {
        Assert.True(LeadIdentity.IsWellFormed("ld-0123456789abcdefghjkmnpq"));
        Assert.True(LeadIdentity.IsWellFormed("ld-rstvwxyz0000000000000000"));
    }
}
