using System.Collections.Immutable;

namespace LeadFunctions.Domain.Lifecycle;

/// <summary>The stamps of every stage (or status, by role or by name) a lead has visited, moved together so exit and entry never drift apart.</summary>
public static class StampBook
{
    public static ImmutableDictionary<TKey, Stamp> Move<TKey>(ImmutableDictionary<TKey, Stamp> book, TKey from, TKey to, DateTimeOffset at)
        where TKey : notnull
    {
        if (EqualityComparer<TKey>.Default.Equals(from, to))
        {
            return book;
        }

        var builder = book.ToBuilder();
        if (builder.TryGetValue(from, out var leaving))
        {
            builder[from] = leaving.ExitedAt(at);
        }

        builder[to] = builder.TryGetValue(to, out var returning) ? returning.ReEnteredAt(at) : Stamp.EnteredAt(at);
        return builder.ToImmutable();
    }

    public static ImmutableDictionary<TKey, Stamp> Start<TKey>(TKey first, DateTimeOffset at)
        where TKey : notnull
        => ImmutableDictionary<TKey, Stamp>.Empty.Add(first, Stamp.EnteredAt(at));
}
