namespace Portal.Bench;

/// <summary>
/// The in-page recorder both viewers get as an init script: requestAnimationFrame intervals, long tasks
/// (PerformanceObserver 'longtask', ≥ 50 ms), the moment the first log line was on screen, and on stop the DOM size,
/// the JS heap and the newest line number shown.
/// </summary>
internal static class FrameProbe
{
    public const string InitScript = """
        (() => {
          const s = { frames: [], longtasks: [], last: 0, running: false, firstLineAt: null };
          try { new PerformanceObserver(l => { if (s.running) for (const e of l.getEntries()) s.longtasks.push(e.duration); }).observe({ type: 'longtask' }); } catch (e) { }
          const tick = t => {
            if (s.running && s.last) s.frames.push(t - s.last);
            s.last = t;
            if (s.firstLineAt === null && document.querySelector('[role=log] .log-line, [role=log] pre:not(:empty)')) s.firstLineAt = t;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          window.__bench = s;
        })();
        """;

    public const string Start = """
        () => { const s = window.__bench; s.frames = []; s.longtasks = []; s.last = 0; s.running = true;
                const seqs = [...document.querySelectorAll('[role=log] .log-line')].map(l => +l.dataset.seq);
                s.startNewest = seqs.length ? Math.max(...seqs) : (window.__lines || 0); }
        """;

    /// <summary>Jumps the log's scroll position every <c>ms</c> while streaming; returns a stopper.</summary>
    public const string StartScrolling = """
        ms => { const box = document.querySelector('[role=log]'); let k = 0;
                window.__scroll = setInterval(() => { k++; box.scrollTop = (k * 0.37 % 1) * box.scrollHeight; }, ms); }
        """;

    public const string StopScrolling = "() => clearInterval(window.__scroll)";

    public const string Stop = """
        () => {
          const s = window.__bench; s.running = false;
          const sorted = [...s.frames].sort((a, b) => a - b);
          const q = p => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
          const log = document.querySelector('[role=log]');
          const seqs = [...document.querySelectorAll('[role=log] .log-line')].map(l => +l.dataset.seq);
          return {
            frames: sorted.length, p50: q(0.5), p95: q(0.95), max: sorted.length ? sorted[sorted.length - 1] : 0,
            over50: sorted.filter(f => f > 50).length,
            longTasks: s.longtasks.length, longTaskMs: s.longtasks.reduce((a, b) => a + b, 0),
            longTaskMax: s.longtasks.length ? Math.max(...s.longtasks) : 0,
            nodes: document.getElementsByTagName('*').length,
            logNodes: log ? log.getElementsByTagName('*').length + log.childNodes.length : 0,
            textNodes: log ? document.createTreeWalker(log, NodeFilter.SHOW_TEXT).nextNode() && (() => { let w = document.createTreeWalker(log, NodeFilter.SHOW_TEXT), n = 0; while (w.nextNode()) n++; return n; })() : 0,
            heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
            newest: seqs.length ? Math.max(...seqs) : (window.__lines || 0),
            firstLineAt: s.firstLineAt, startNewest: s.startNewest,
          };
        }
        """;

}
