#!/bin/sh
# Greeter 1.0.0: shows the configuration values Portal passed in as environment variables.
. /usr/local/lib/html.sh
esc() { printf '%s' "$1" | html_escape; }
html_head "Greeter"
printf '<h1 style="color:%s">%s</h1><p><span class="version">version 1.0.0</span></p>' "$(esc "${ACCENT_COLOR:-#6a3fb5}")" "$(esc "${GREETING:-Hello}")"
printf '<dl id="config">'
printf '<dt>Greeting</dt><dd id="greeting">%s</dd>' "$(esc "${GREETING:-}")"
printf '<dt>Audience</dt><dd id="audience">%s</dd>' "$(esc "${AUDIENCE:-}")"
printf '<dt>Accent colour</dt><dd id="accent">%s</dd>' "$(esc "${ACCENT_COLOR:-}")"
printf '<dt>Visitors shown</dt><dd id="max-visitors">%s</dd>' "$(esc "${MAX_VISITORS:-}")"
printf '<dt>Maintenance mode</dt><dd id="maintenance">%s</dd>' "$(esc "${MAINTENANCE:-false}")"
if [ -n "${ADMIN_TOKEN:-}" ]; then
  printf '<dt>Admin token</dt><dd id="admin-token">set (%s characters, not shown)</dd>' "${#ADMIN_TOKEN}"
else
  printf '<dt>Admin token</dt><dd id="admin-token">not set</dd>'
fi
printf '</dl>'
html_foot
