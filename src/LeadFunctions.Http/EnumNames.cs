using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Http;

/// <summary>
/// Enum values in the contract, read from JSON bodies and query strings alike: canonical names only (any case);
/// numbers are refused, so the contract never leaks ordinals.
/// </summary>
internal static class EnumNames
{
    public static bool TryParse<TEnum>(string raw, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return raw.Length > 0 && raw.All(char.IsAsciiLetter) && Enum.TryParse(raw, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static FieldError NotOneOf<TEnum>(string field)
        where TEnum : struct, Enum
        => new(field, $"Must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
}
