#!/bin/sh
# Renders the demo appliances' screenshots (Content/<slug>/<version>/screenshots/*.png) from the pages their CGI
# scripts write, with the demo's own style sheets, in headless Chromium. Run it by hand after changing a page or a
# style; the PNGs are committed, so building and testing need no browser.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
content="$here/Content"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

page() { # page <slug> <version> <out.png> <body html>
  mkdir -p "$content/$1/$2/screenshots"
  {
    printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>'
    cat "$content/shared/rootfs/var/www/style.css" "$content/$1/$2/rootfs/var/www/theme.css"
    printf '</style></head><body>%s</body></html>' "$4"
  } > "$work/page.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --force-device-scale-factor=1 --window-size=800,480 --screenshot="$content/$1/$2/screenshots/$3" "file://$work/page.html" 2>/dev/null
}

form='<form><label for="note">New note</label><input type="text" id="note" value="Order more coffee"><button>Add</button></form>'
page notes 1.0.0 notes.png "<h1>Notes</h1><p><span class=\"version\">version 1.0.0</span></p>$form<ul>
<li><time>2026-11-27T09:12:04Z</time>Stand-up moved to 9:30 from Monday</li>
<li><time>2026-11-27T14:40:51Z</time>Backups verified on the staging host</li>
<li><time>2026-11-28T08:03:17Z</time>Welcome Priya to the team!</li></ul><footer>Notes 1.0.0</footer>"
page notes 2.0.0 notes.png "<h1>Team notes</h1><p><span class=\"version\">version 2.0.0</span> <span>4 notes</span></p>$form<ul>
<li><time>2026-11-28T10:21:39Z</time>Release 2.0 notes are on the wiki</li>
<li><time>2026-11-28T08:03:17Z</time>Welcome Priya to the team!</li>
<li><time>2026-11-27T14:40:51Z</time>Backups verified on the staging host</li>
<li><time>2026-11-27T09:12:04Z</time>Stand-up moved to 9:30 from Monday</li></ul><footer>Notes 2.0.0</footer>"
page greeter 2.0.0 greeter.png '<h1 style="color:#6a3fb5">Hello</h1><p><span class="version">version 2.0.0</span></p><dl>
<dt>Greeting</dt><dd>Hello</dd><dt>Audience</dt><dd>platform team</dd><dt>Accent colour</dt><dd>#6a3fb5</dd>
<dt>Visitors shown</dt><dd>10</dd><dt>Maintenance mode</dt><dd>false</dd><dt>Admin token</dt><dd>set (32 characters, not shown)</dd></dl>
<p>Hello, platform team!</p><footer>Greeter 2.0.0</footer>'
python3 "$here/shrink-png.py" "$content"/*/*/screenshots/*.png
