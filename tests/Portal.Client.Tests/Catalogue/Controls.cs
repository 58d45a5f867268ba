using AngleSharp.Dom;
using Bunit;

namespace Portal.Client.Tests.Catalogue;

/// <summary>Finds controls the way a screen reader names them: by their label, aria-label or button text.</summary>
internal static class Controls
{
    /// <summary>The input a &lt;label&gt; names (by for=, or by containing it), or the element whose aria-label is the name.</summary>
    public static IElement Labelled<T>(IRenderedComponent<T> component, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        LabelledOrNull(component.FindAll("*"), component.Find, name) ?? throw new InvalidOperationException($"no control labelled \"{name}\"");

    public static IElement Button<T>(IRenderedComponent<T> component, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.FindAll("button, a").FirstOrDefault(b => b.GetAttribute("aria-label") == name || (b.GetAttribute("aria-label") is null && b.TextContent.Trim() == name))
        ?? throw new InvalidOperationException($"no button named \"{name}\"");

    private static IElement? LabelledOrNull(IEnumerable<IElement> all, Func<string, IElement> find, string name)
    {
        var elements = all.ToList();
        foreach (var label in elements.Where(e => e.LocalName == "label"))
        {
            if (label.TextContent.Trim().TrimEnd('*').Trim() == name)
            {
                return label.GetAttribute("for") is { Length: > 0 } id ? find("#" + id) : label.QuerySelector("input");
            }
        }

        return elements.FirstOrDefault(e => e.GetAttribute("aria-label") == name && e.LocalName != "button");
    }
}
