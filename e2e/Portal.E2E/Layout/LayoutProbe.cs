using Microsoft.Playwright;

namespace Portal.E2E.Layout;

/// <summary>
/// Measures in the browser what a person on a small screen would notice: the page scrolling sideways, something sticking
/// out of the window, a table column squeezed to a sliver, a control hidden under another one or out of reach. Every check returns readable problems
/// (empty when the layout is fine) so one run lists all of them.
/// </summary>
internal static class LayoutProbe
{
    /// <summary>
    /// The page must not scroll sideways, and no visible element may reach past the window's right edge unless an
    /// ancestor that itself fits the window clips or scrolls it (a table's or the log viewer's own scroll container).
    /// </summary>
    private const string OverflowScript = """
        () => {
            const vw = window.innerWidth;
            const problems = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > vw) problems.push(`the page scrolls sideways: it is ${doc.scrollWidth}px wide in a ${vw}px window`);
            const describe = el => {
                let s = el.tagName.toLowerCase();
                const cls = [...el.classList].filter(c => !c.startsWith('mud-ripple')).slice(0, 3).join('.');
                if (cls) s += '.' + cls;
                const label = el.getAttribute('aria-label');
                if (label) s += `[aria-label="${label}"]`;
                const text = (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                return text ? `${s} "${text}"` : s;
            };
            const clipper = el => {
                for (let a = el.parentElement; a && a !== document.body && a !== doc; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') return a;
                }
                return null;
            };
            const sticking = new Set();
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.display === 'none') continue;
                const box = clipper(el);
                if (box && box.getBoundingClientRect().right <= vw + 1) continue;
                sticking.add(el);
            }
            for (const cell of document.body.querySelectorAll('td, th')) {
                const r = cell.getBoundingClientRect();
                const text = (cell.innerText || '').trim();
                if (r.width > 0 && r.width < 72 && r.height > 120 && text.length > 24) {
                    problems.push(`a table column is squeezed to ${Math.round(r.width)}px: ${describe(cell)}`);
                }
            }
            for (const el of sticking) {
                if (el.parentElement && sticking.has(el.parentElement)) continue;
                problems.push(`${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px, past the ${vw}px window`);
            }
            return problems;
        }
        """;

    /// <summary>
    /// Brings the element into view as a person scrolls to it, then checks it lies inside the window and that the
    /// topmost element at its centre is the element itself (or its own label, for a text field) and not something over it.
    /// Reports a sideways scroll of an inner container that was needed to reach it.
    /// </summary>
    private const string ReachableScript = """
        (el, name) => {
            const own = el.closest('.mud-input-control') ?? el;
            const scrollers = [];
            for (let a = el.parentElement; a; a = a.parentElement) scrollers.push([a, a.scrollLeft]);
            el.scrollIntoView({ block: 'center', inline: 'nearest' });
            const problems = [];
            const moved = scrollers.filter(([a, left]) => a.scrollLeft !== left);
            if (moved.length > 0) problems.push(`${name} is reached only by scrolling a container sideways`);
            const r = el.getBoundingClientRect();
            const vw = window.innerWidth, vh = window.innerHeight;
            // Something taller than the window (a long table) is in reach when its width fits and it fills the window.
            const tall = r.height > vh;
            if (r.left < -1 || r.right > vw + 1 || (!tall && (r.top < -1 || r.bottom > vh + 1))) {
                problems.push(`${name} lies outside the ${vw}x${vh} window at (${Math.round(r.left)},${Math.round(r.top)})-(${Math.round(r.right)},${Math.round(r.bottom)})`);
                return problems;
            }
            const hit = document.elementFromPoint(r.left + r.width / 2, tall ? vh / 2 : r.top + r.height / 2);
            if (hit === null || !(own.contains(hit) || hit.contains(el))) {
                const what = hit === null ? 'nothing' : `${hit.tagName.toLowerCase()}.${[...hit.classList].slice(0, 3).join('.')} "${(hit.innerText || '').trim().slice(0, 30)}"`;
                problems.push(`${name} is covered by ${what}`);
            }
            return problems;
        }
        """;

    /// <summary>The dialog's box inside the window.</summary>
    private const string InsideWindowScript = """
        (el, name) => {
            const r = el.getBoundingClientRect();
            const vw = window.innerWidth, vh = window.innerHeight;
            return r.left >= -1 && r.top >= -1 && r.right <= vw + 1 && r.bottom <= vh + 1
                ? []
                : [`${name} does not fit the ${vw}x${vh} window: (${Math.round(r.left)},${Math.round(r.top)})-(${Math.round(r.right)},${Math.round(r.bottom)})`];
        }
        """;

    /// <summary>Whether the element is inside the window now, without scrolling, and not covered.</summary>
    private const string InViewScript = """
        el => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) return false;
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return hit !== null && el.contains(hit);
        }
        """;

    public static async Task<bool> InViewAsync(ILocator locator) =>
        await locator.CountAsync() > 0 && await locator.First.EvaluateAsync<bool>(InViewScript);

    public static async Task<IReadOnlyList<string>> OverflowAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(OverflowScript);

    /// <summary>Problems of the first element <paramref name="locator"/> finds; it must be visible first (waits like an assertion).</summary>
    public static async Task<IReadOnlyList<string>> ReachableAsync(ILocator locator, string name)
    {
        try
        {
            await locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            return [$"{name} is not visible"];
        }

        return await locator.First.EvaluateAsync<string[]>(ReachableScript, name);
    }

    public static async Task<IReadOnlyList<string>> InsideWindowAsync(ILocator locator, string name) =>
        await locator.First.EvaluateAsync<string[]>(InsideWindowScript, name);
}
