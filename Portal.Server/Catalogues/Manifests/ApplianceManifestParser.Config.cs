using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Portal.Server.Catalogues.Manifests.Yaml;

namespace Portal.Server.Catalogues.Manifests;

public sealed partial class ApplianceManifestParser
{
    private ConfigSchema ReadConfig(YNode node, string path)
    {
        YNode? properties = null, required = null;
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            switch (key.Value)
            {
                case "type":
                    Checked(value, p, t => t == "object", "must be object");
                    break;
                case "properties": properties = value; break;
                case "required": required = value; break;
                case "additionalProperties":
                    if (_r.Bool(value, p) == true)
                    {
                        _r.Error(p, "must be false: settings the schema does not name are always refused", value);
                    }

                    break;
                case "title" or "description": _r.String(value, p); break;
                default: _r.Unknown(p, key); break;
            }
        }
        var settings = new List<ConfigSetting>();
        var propertiesPath = ManifestPath.Key(path, "properties");
        foreach (var (key, value, p) in properties is null ? [] : _r.Entries(properties, propertiesPath))
        {
            if (!ConfigKey().IsMatch(key.Value))
            {
                _r.Error(p, "a setting name is a letter followed by letters, digits or '_'", key);
            }

            if (ReadSetting(key.Value, value, p) is { } setting)
            {
                settings.Add(setting);
            }
        }
        var requiredPath = ManifestPath.Key(path, "required");
        var requiredKeys = required is null ? [] : _r.Strings(required, requiredPath) ?? [];
        for (var i = 0; i < requiredKeys.Count; i++)
        {
            var index = settings.FindIndex(s => s.Key == requiredKeys[i]);
            if (index < 0)
            {
                _r.Error(ManifestPath.Item(requiredPath, i), $"\"{requiredKeys[i]}\" is not a setting under properties", ((YSequence)required!).Items[i]);
            }
            else
            {
                settings[index] = settings[index] with { Required = true };
            }
        }
        return new ConfigSchema(settings);
    }

    private ConfigSetting? ReadSetting(string key, YNode node, string path)
    {
        if (_r.Map(node, path) is not { } map)
        {
            return null;
        }

        var type = ReadConfigType(map, path);
        var schema = new JsonObject();
        if (type is not null)
        {
            schema["type"] = map["type"] is YScalar t ? t.Value : null;
        }

        string title = "", description = "";
        bool? secret = null;
        ConfigGenerate? generate = null;
        YNode? defaultNode = null;
        foreach (var (k, value, p) in _r.Entries(map, path))
        {
            switch (k.Value)
            {
                case "type": break;
                case "title": schema["title"] = title = _r.String(value, p) ?? ""; break;
                case "description": schema["description"] = description = _r.String(value, p) ?? ""; break;
                case "enum": schema["enum"] = ReadEnum(value, p, type); break;
                case "default":
                    defaultNode = value;
                    schema["default"] = value is YScalar ds ? ds.ToJson() : null;
                    if (value is not YScalar)
                    {
                        _r.Error(p, "a default is a single value", value);
                    }

                    break;
                case "minimum" or "maximum":
                    if (OnlyFor(type, p, k, ConfigType.Integer, ConfigType.Number) && _r.Number(value, p) is { } n)
                    {
                        schema[k.Value] = n % 1 == 0 ? JsonValue.Create((long)n) : JsonValue.Create(n);
                    }

                    break;
                case "minLength" or "maxLength":
                    if (OnlyFor(type, p, k, ConfigType.String) && _r.Integer(value, p, 0) is { } length)
                    {
                        schema[k.Value] = length;
                    }

                    break;
                case "pattern":
                    if (OnlyFor(type, p, k, ConfigType.String) && _r.String(value, p) is { } pattern && IsRegex(pattern, p, value))
                    {
                        schema["pattern"] = pattern;
                    }

                    break;
                case "x-secret":
                    secret = _r.Bool(value, p);
                    if (secret is { } s)
                    {
                        schema["x-secret"] = s;
                    }

                    break;
                case "x-generate":
                    if (OnlyFor(type, p, k, ConfigType.String))
                    {
                        generate = ReadGenerate(value, p);
                    }

                    if (generate is not null)
                    {
                        schema["x-generate"] = new JsonObject { ["length"] = generate.Length, ["alphabet"] = generate.Alphabet };
                    }

                    break;
                default:
                    _r.Unknown(p, k);
                    break;
            }
        }
        if (type is not { } settingType)
        {
            return null;
        }

        CheckSettingConsistency(schema, settingType, path, map, defaultNode, generate);
        return new ConfigSetting
        {
            Key = key,
            Type = settingType,
            Title = title,
            Description = description,
            Secret = secret ?? generate is not null,
            Generate = generate,
            Default = schema["default"]?.DeepClone(),
            Schema = schema,
        };
    }

    private ConfigType? ReadConfigType(YMap map, string path)
    {
        var p = ManifestPath.Key(path, "type");
        if (map["type"] is not { } node)
        {
            _r.Error(p, "missing: string, integer, number or boolean", map);
            return null;
        }
        if (_r.String(node, p) is not { } name)
        {
            return null;
        }

        ConfigType? type = name switch
        {
            "string" => ConfigType.String,
            "integer" => ConfigType.Integer,
            "number" => ConfigType.Number,
            "boolean" => ConfigType.Boolean,
            _ => null,
        };
        if (type is null)
        {
            _r.Error(p, $"unknown type \"{name}\" (use string, integer, number or boolean)", node);
        }

        return type;
    }

    private bool OnlyFor(ConfigType? type, string path, YScalar key, params ConfigType[] types)
    {
        if (type is null)
        {
            return false;
        }

        if (types.Contains(type.Value))
        {
            return true;
        }

        _r.Error(path, $"applies to {string.Join(" and ", types.Select(t => t.ToString().ToLowerInvariant()))} settings only", key);
        return false;
    }

    private JsonArray ReadEnum(YNode node, string path, ConfigType? type)
    {
        var values = new JsonArray();
        if (_r.Sequence(node, path) is not { } seq)
        {
            return values;
        }

        if (seq.Items.Count == 0)
        {
            _r.Error(path, "must list at least one value", node);
        }

        for (var i = 0; i < seq.Items.Count; i++)
        {
            var p = ManifestPath.Item(path, i);
            var json = seq.Items[i] is YScalar s ? s.ToJson() : null;
            if (type is { } t && !ConfigSchemaEvaluator.TypeMatches(json, t))
            {
                _r.Error(p, $"expected {ConfigSchemaEvaluator.TypeName(t)}, got {seq.Items[i].Describe()}", seq.Items[i]);
            }

            values.Add(json);
        }
        return values;
    }

    private bool IsRegex(string pattern, string path, YNode at)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException e)
        {
            _r.Error(path, $"not a valid regular expression: {e.Message}", at);
            return false;
        }
    }

    private ConfigGenerate? ReadGenerate(YNode node, string path)
    {
        var length = ConfigGenerate.DefaultLength;
        var alphabet = ConfigGenerate.DefaultAlphabet;
        var ok = true;
        foreach (var (key, value, p) in _r.Entries(node, path))
        {
            switch (key.Value)
            {
                case "length":
                    var l = _r.Integer(value, p, 1, 4096);
                    ok &= l is not null;
                    length = (int)(l ?? 0);
                    break;
                case "alphabet":
                    var a = _r.String(value, p);
                    if (a is not null && a.Distinct().Count() < 2)
                    {
                        _r.Error(p, "needs at least two different characters", value);
                        a = null;
                    }
                    ok &= a is not null;
                    alphabet = a ?? "";
                    break;
                default:
                    _r.Unknown(p, key);
                    break;
            }
        }
        return ok ? new ConfigGenerate(length, alphabet) : null;
    }

    private void CheckSettingConsistency(JsonObject schema, ConfigType type, string path, YMap map, YNode? defaultNode, ConfigGenerate? generate)
    {
        if (schema["minimum"] is JsonValue min && schema["maximum"] is JsonValue max && AsDouble(min) > AsDouble(max))
        {
            _r.Error(ManifestPath.Key(path, "minimum"), "is above maximum", map["minimum"]);
        }

        if (schema["minLength"] is JsonValue minL && schema["maxLength"] is JsonValue maxL && minL.GetValue<long>() > maxL.GetValue<long>())
        {
            _r.Error(ManifestPath.Key(path, "minLength"), "is above maxLength", map["minLength"]);
        }

        if (generate is not null)
        {
            if (defaultNode is not null)
            {
                _r.Error(ManifestPath.Key(path, "x-generate"), "a setting has either a default or x-generate, not both", map["x-generate"]);
            }

            if ((schema["minLength"] is JsonValue gl && generate.Length < gl.GetValue<long>())
                || (schema["maxLength"] is JsonValue gm && generate.Length > gm.GetValue<long>()))
            {
                _r.Error(ManifestPath.Key(ManifestPath.Key(path, "x-generate"), "length"), $"{generate.Length} is outside the setting's minLength/maxLength", map["x-generate"]);
            }
        }
        if (defaultNode is YScalar scalar)
        {
            var p = ManifestPath.Key(path, "default");
            var value = scalar.ToJson();
            if (!ConfigSchemaEvaluator.TypeMatches(value, type))
            {
                _r.Error(p, $"expected {ConfigSchemaEvaluator.TypeName(type)}, got {scalar.Describe()}", scalar);
            }
            else
            {
                foreach (var error in ConfigSchemaEvaluator.Errors(schema, value))
                {
                    _r.Error(p, $"does not match its own schema: {error}", scalar);
                }
            }
        }
    }

    private static double AsDouble(JsonValue value) => value.TryGetValue<long>(out var l) ? l : value.GetValue<double>();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ConfigKey();
}
