using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Engine.Tests.Processing;

public sealed class LeadStateCacheTests : IDisposable
{
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Remembers_the_last_write_per_lead_and_forgets_on_request()
    {
        var cache = new LeadStateCache(_h.Time);
        var lead = _h.NewSqlLead("ana@acme.example", _h.Now);

        cache.Remember(_h.StoredAs(lead, "e1"));
        cache.Remember(_h.StoredAs(lead, "e2"));

        Assert.True(cache.TryGet(lead.Id, out var stored));
        Assert.Equal("e2", stored.ETag);
        Assert.False(cache.TryGet(Harness.LeadIdOf("bea@acme.example"), out _));

        cache.Forget(lead.Id);
        cache.Forget(lead.Id); // forgetting twice is harmless

        Assert.False(cache.TryGet(lead.Id, out _));
    }

    [Fact]
    public void Starts_afresh_when_full_so_it_stays_bounded()
    {
        var cache = new LeadStateCache(_h.Time);
        var template = _h.NewSqlLead("ana@acme.example", _h.Now);
        for (var i = 0; i < LeadStateCache.Capacity; i++)
        {
            cache.Remember(new StoredLead(LeadCopy.Of(template, id: "ld-" + i), "e", []));
        }

        Assert.True(cache.TryGet("ld-0", out _));

        cache.Remember(new StoredLead(LeadCopy.Of(template, id: "ld-new"), "e", []));

        Assert.False(cache.TryGet("ld-0", out _));
        Assert.True(cache.TryGet("ld-new", out _));
    }

    [Fact]
    public void Entries_expire_so_personal_data_does_not_linger_in_memory()
    {
        var cache = new LeadStateCache(_h.Time);
        var lead = _h.NewSqlLead("ana@acme.example", _h.Now);
        cache.Remember(_h.StoredAs(lead, "e1"));

        _h.Time.Advance(LeadStateCache.TimeToLive - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet(lead.Id, out _));
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(cache.TryGet(lead.Id, out _));
    }

    [Fact]
    public void Remember_requires_a_lead()
        => Assert.Throws<ArgumentNullException>(() => new LeadStateCache(_h.Time).Remember(null!));
}
