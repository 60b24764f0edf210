using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Identity;

/// <summary>
/// One person, one lead: the id is a keyed hash of the normalised e-mail, so every submission for a person lands
/// on the same row without a lookup, and concurrent first submissions race on one key instead of creating two leads.
/// </summary>
public sealed class LeadIdentity
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);
    private readonly byte[] _key;

    public LeadIdentity(IOptions<LeadIdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Encoding.UTF8.GetBytes(options.Value.Key);
    }

    /// <param name="normalizedEmail">Already trimmed and case-folded by <see cref="Domain.Intake.PersonValidation"/>.</param>
    public string LeadIdFor(string normalizedEmail)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalizedEmail), hash);
        return "ld-" + Base32(hash[..15]);
    }

    /// <summary>Whether a string has the shape of a lead id; anything else is refused before it reaches storage.</summary>
    public static bool IsWellFormed(string? leadId)
        => leadId is { Length: 27 } && leadId.StartsWith("ld-", StringComparison.Ordinal) && leadId.AsSpan(3).IndexOfAnyExcept(AlphabetValues) < 0;

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var output = new StringBuilder(bytes.Length * 8 / 5);
        for (var i = 0; i < bytes.Length; i += 5)
        {
            ulong chunk = 0;
            for (var j = 0; j < 5; j++)
            {
                chunk = (chunk << 8) | bytes[i + j];
            }

            for (var shift = 35; shift >= 0; shift -= 5)
            {
                output.Append(Alphabet[(int)((chunk >> shift) & 31)]);
            }
        }

        return output.ToString();
    }
}
