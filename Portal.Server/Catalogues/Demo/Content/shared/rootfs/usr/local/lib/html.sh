# Helpers for the demo appliances' CGI scripts (busybox sh).

# Escapes text for HTML so values typed by people never become markup.
html_escape() {
  sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# Decodes one application/x-www-form-urlencoded field from stdin: html_form_field NAME < body
html_form_field() {
  awk -v want="$1" '
    function decode(s,   out, i, c, hex) {
      gsub(/\+/, " ", s)
      out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "%" && i + 2 <= length(s)) {
          hex = tolower(substr(s, i + 1, 2))
          out = out sprintf("%c", (index("0123456789abcdef", substr(hex, 1, 1)) - 1) * 16 + index("0123456789abcdef", substr(hex, 2, 1)) - 1)
          i += 2
        } else {
          out = out c
        }
      }
      return out
    }
    {
      n = split($0, pairs, "&")
      for (p = 1; p <= n; p++) {
        eq = index(pairs[p], "=")
        if (eq > 0 && substr(pairs[p], 1, eq - 1) == want) { print decode(substr(pairs[p], eq + 1)); exit }
      }
    }'
}

html_head() {
  printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
  printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
  printf '<title>%s</title><link rel="stylesheet" href="/style.css"><link rel="stylesheet" href="/theme.css"></head><body>' "$1"
}

html_foot() {
  printf '<footer>%s %s</footer></body></html>\n' "${APPLIANCE_TITLE:-}" "${APPLIANCE_VERSION:-}"
}
