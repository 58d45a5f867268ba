using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Server.Catalogues.Manifests.Yaml;

/// <summary>
/// Reads YAML text into a <see cref="YNode"/> tree from the parser's events (not YamlDotNet's object model, which
/// throws at the first duplicate key): every duplicate key is reported with both positions, aliases resolve to their
/// anchors, merge keys (<c>&lt;&lt;</c>) add the keys a mapping lacks, and a syntax error is reported at its position.
/// </summary>
internal sealed class YamlTreeReader
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
    private readonly List<ManifestProblem> _problems;
    private readonly IParser _parser;
    private SourceMark? _lastMark;

    private YamlTreeReader(string text, List<ManifestProblem> problems)
    {
        _parser = new Parser(new StringReader(text));
        _problems = problems;
    }

    /// <summary>The single document of <paramref name="text"/>, or null when there is none or it cannot be read.</summary>
    public static YNode? Read(string text, List<ManifestProblem> problems)
    {
        var reader = new YamlTreeReader(text, problems);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            problems.Add(ManifestProblem.At("", $"YAML syntax error: {e.Message.Split(": ", 2)[^1]}", ToMark(e.Start)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this, without a position, for some malformed flow collections.
            problems.Add(ManifestProblem.At("", "YAML syntax error: malformed document after this point", reader._lastMark));
            return null;
        }
    }

    private YNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            _problems.Add(new ManifestProblem("", "the manifest is empty"));
            return null;
        }
        _parser.Consume<DocumentStart>();
        var root = ReadNode("");
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var next))
        {
            _problems.Add(ManifestProblem.At("", "only one YAML document is allowed", ToMark(next.Start)));
        }

        return root;
    }

    private YNode ReadNode(string path)
    {
        var start = _parser.Current ?? throw new YamlException("unexpected end of the document");
        _lastMark = ToMark(start.Start);
        if (start is AnchorAlias alias)
        {
            _parser.MoveNext();
            if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                return anchored;
            }

            _problems.Add(ManifestProblem.At(path, $"unknown alias *{alias.Value.Value}", ToMark(alias.Start)));
            return new YScalar(ToMark(alias.Start), "", true);
        }
        YNode node = start switch
        {
            Scalar s => ReadScalar(s, path),
            MappingStart => ReadMapping(path),
            SequenceStart => ReadSequence(path),
            _ => throw new YamlException(start.Start, start.End, $"unexpected {start.GetType().Name}"),
        };
        if (start is NodeEvent { Anchor.IsEmpty: false } withAnchor)
        {
            _anchors[withAnchor.Anchor.Value] = node;
        }

        return node;
    }

    private YScalar ReadScalar(Scalar s, string path)
    {
        _parser.MoveNext();
        if (!s.Tag.IsEmpty && s.Tag.Value != StrTag && !s.Tag.IsNonSpecific)
        {
            _problems.Add(ManifestProblem.At(path, $"YAML tag {s.Tag.Value} is not supported", ToMark(s.Start)));
        }

        var plain = s.Style == ScalarStyle.Plain && (s.Tag.IsEmpty || s.Tag.Value != StrTag);
        return new YScalar(ToMark(s.Start), s.Value, plain);
    }

    private YSequence ReadSequence(string path)
    {
        var start = _parser.Consume<SequenceStart>();
        RefuseTag(start, path);
        var items = new List<YNode>();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(ManifestPath.Item(path, items.Count)));
        }

        return new YSequence(ToMark(start.Start), items);
    }

    private YMap ReadMapping(string path)
    {
        var start = _parser.Consume<MappingStart>();
        RefuseTag(start, path);
        var entries = new List<KeyValuePair<YScalar, YNode>>();
        var seen = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
        var merged = new List<YMap>();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path);
            if (keyNode is not YScalar key)
            {
                _problems.Add(ManifestProblem.At(path, "mapping keys must be plain strings", keyNode.Mark));
                ReadNode(path);
                continue;
            }
            var childPath = ManifestPath.Key(path, key.Value);
            if (key is { Plain: true, Value: "<<" })
            {
                CollectMerge(ReadNode(childPath), merged, childPath);
                continue;
            }
            var value = ReadNode(childPath);
            if (seen.TryGetValue(key.Value, out var first))
            {
                _problems.Add(ManifestProblem.At(childPath, $"duplicate key (first at line {first.Line}, column {first.Column})", key.Mark));
                continue;
            }
            seen[key.Value] = key.Mark;
            entries.Add(new(key, value));
        }
        foreach (var source in merged)
        {
            foreach (var entry in source.Entries)
            {
                if (seen.TryAdd(entry.Key.Value, entry.Key.Mark))
                {
                    entries.Add(entry);
                }
            }
        }
        return new YMap(ToMark(start.Start), entries);
    }

    private void CollectMerge(YNode value, List<YMap> merged, string path)
    {
        switch (value)
        {
            case YMap map:
                merged.Add(map);
                break;
            case YSequence seq when seq.Items.All(i => i is YMap):
                merged.AddRange(seq.Items.Cast<YMap>());
                break;
            default:
                _problems.Add(ManifestProblem.At(path, "a merge key takes a mapping or a list of mappings", value.Mark));
                break;
        }
    }

    private void RefuseTag(NodeEvent e, string path)
    {
        if (!e.Tag.IsEmpty && !e.Tag.IsNonSpecific)
        {
            _problems.Add(ManifestProblem.At(path, $"YAML tag {e.Tag.Value} is not supported", ToMark(e.Start)));
        }
    }

    private static SourceMark ToMark(Mark mark) => new((int)mark.Line, (int)mark.Column);
}
