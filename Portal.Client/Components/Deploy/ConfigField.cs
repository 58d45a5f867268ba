using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Client.Components.Deploy;

/// <summary>
/// One setting of the deploy form: what the user typed (<see cref="Text"/>, or <see cref="Boolean"/> for a switch),
/// its validation against the setting's rules (the same rules the server applies) and its JSON value.
/// </summary>
public sealed class ConfigField
{
    public const string DefaultAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const int DefaultGenerateLength = 32;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    public ConfigField(ConfigSettingResponse setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        Setting = setting;
        Kind = setting switch
        {
            { Type: "boolean" } => ConfigFieldKind.Boolean,
            { Enum.Count: > 0 } => ConfigFieldKind.Choice,
            { Type: "integer" } => ConfigFieldKind.Integer,
            { Type: "number" } => ConfigFieldKind.Number,
            { Secret: true } => ConfigFieldKind.Secret,
            _ => ConfigFieldKind.Text,
        };
        Choices = [.. (setting.Enum ?? []).Select(v => Display(v) ?? "null")];
        Text = Kind == ConfigFieldKind.Boolean ? null : Display(setting.Default);
        Boolean = setting.Default is JsonValue value && value.GetValueKind() == JsonValueKind.True;
    }

    public ConfigSettingResponse Setting { get; }

    public string Key => Setting.Key;

    public string Label => Setting.Title;

    public ConfigFieldKind Kind { get; }

    /// <summary>The enum values as shown and typed.</summary>
    public IReadOnlyList<string> Choices { get; }

    public string? Text { get; set; }

    public bool Boolean { get; set; }

    /// <summary>A secret shown in clear (the eye toggle).</summary>
    public bool Revealed { get; set; }

    /// <summary>Changed by the user: its problems show before a submit is tried.</summary>
    public bool Touched { get; set; }

    /// <summary>A server-reported problem for this setting, cleared when the value changes.</summary>
    public string? ServerError { get; set; }

    public bool CanGenerate => Kind == ConfigFieldKind.Secret || Setting.Generate is not null;

    /// <summary>The length <see cref="Generate"/> draws: x-generate's, else 32 kept within minLength/maxLength.</summary>
    public int GenerateLength => Setting.Generate?.Length
        ?? Math.Clamp(DefaultGenerateLength, Setting.MinLength ?? 1, Math.Max(Setting.MinLength ?? 1, Setting.MaxLength ?? int.MaxValue));

    public string Hint => Setting.Generate is not null && !Setting.Required
        ? $"{Setting.Description} Left empty, a random {Setting.Generate.Length}-character value is generated.".Trim()
        : Setting.Description ?? "";

    public void Set(string? text)
    {
        Text = text;
        Touched = true;
        ServerError = null;
    }

    public void Set(bool value)
    {
        Boolean = value;
        Touched = true;
        ServerError = null;
    }

    /// <summary>Fills a random value from the operating system's cryptographic RNG.</summary>
    public void Generate() =>
        Set(RandomNumberGenerator.GetString(Setting.Generate?.Alphabet ?? DefaultAlphabet, GenerateLength));

    public bool IsEmpty => Kind != ConfigFieldKind.Boolean && string.IsNullOrEmpty(Text);

    /// <summary>The first rule the value breaks, worded for a person; null when it is valid.</summary>
    public string? Validate()
    {
        if (Kind == ConfigFieldKind.Boolean)
        {
            return null;
        }

        if (IsEmpty)
        {
            return Setting.Required ? $"{Label} is required." : null;
        }

        var text = Text!;
        if (Kind == ConfigFieldKind.Choice)
        {
            return Choices.Contains(text, StringComparer.Ordinal) ? null : $"Must be one of: {string.Join(", ", Choices)}.";
        }

        if (Kind is ConfigFieldKind.Integer or ConfigFieldKind.Number)
        {
            double number;
            if (Kind == ConfigFieldKind.Integer)
            {
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return "Must be a whole number.";
                }

                number = whole;
            }
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
            {
                return "Must be a number (use . for decimals).";
            }

            if (Setting.Minimum is { } min && number < min)
            {
                return $"Must be at least {Format(min)}.";
            }

            return Setting.Maximum is { } max && number > max ? $"Must be at most {Format(max)}." : null;
        }

        if (Setting.MinLength is { } minLength && text.Length < minLength)
        {
            return $"Must be at least {minLength} characters.";
        }

        if (Setting.MaxLength is { } maxLength && text.Length > maxLength)
        {
            return $"Must be at most {maxLength} characters.";
        }

        return Setting.Pattern is { } pattern && !Matches(text, pattern) ? $"Must match the pattern {pattern}." : null;
    }

    /// <summary>What the form shows under the control: problems of a touched field, or all once a submit was tried.</summary>
    public string? VisibleError(bool submitTried) => ServerError ?? (Touched || submitTried ? Validate() : null);

    /// <summary>The value as JSON of the setting's type; null when left empty (the server applies the default or generates one).</summary>
    public JsonNode? ToJson()
    {
        if (Kind == ConfigFieldKind.Boolean)
        {
            return JsonValue.Create(Boolean);
        }

        if (IsEmpty)
        {
            return null;
        }

        return Setting.Type switch
        {
            "integer" => JsonValue.Create(long.Parse(Text!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
            "number" => JsonValue.Create(double.Parse(Text!, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(Text),
        };
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // A pattern .NET cannot compile: leave the check to the server, which validated it at import.
            return true;
        }
    }

    private static string? Display(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
