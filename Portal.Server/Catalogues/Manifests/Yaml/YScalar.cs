using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Server.Catalogues.Manifests.Yaml;

/// <summary>
/// A scalar. Plain (unquoted) scalars resolve by the YAML 1.2 core schema (null, true/false, integers, floats);
/// quoted ones, and those tagged !!str, are always strings.
/// </summary>
internal sealed partial record YScalar(SourceMark Mark, string Value, bool Plain) : YNode(Mark)
{
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool? AsBool => !Plain ? null : Value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public long? AsInteger
    {
        get
        {
            if (!Plain)
            {
                return null;
            }

            if (DecimalInteger().IsMatch(Value) && long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }

            if (Value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(Value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
            {
                return h;
            }

            if (Value.StartsWith("0o", StringComparison.Ordinal) && Value.Length > 2 && Value[2..].All(c => c is >= '0' and <= '7'))
            {
                return Convert.ToInt64(Value[2..], 8);
            }

            return null;
        }
    }

    public double? AsNumber
    {
        get
        {
            if (AsInteger is { } i)
            {
                return i;
            }

            if (!Plain || !FloatNumber().IsMatch(Value))
            {
                return null;
            }

            return double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The value as JSON (for config defaults and enums), typed as the core schema resolves it.</summary>
    public JsonNode? ToJson()
    {
        if (IsNull)
        {
            return null;
        }

        if (AsBool is { } b)
        {
            return JsonValue.Create(b);
        }

        if (AsInteger is { } i)
        {
            return JsonValue.Create(i);
        }

        if (AsNumber is { } n)
        {
            return JsonValue.Create(n);
        }

        return JsonValue.Create(Value);
    }

    public override string Describe() =>
        IsNull ? "null" : AsBool is not null ? "a boolean" : AsInteger is not null ? "an integer" : AsNumber is not null ? "a number" : $"\"{Value}\"";

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatNumber();
}
