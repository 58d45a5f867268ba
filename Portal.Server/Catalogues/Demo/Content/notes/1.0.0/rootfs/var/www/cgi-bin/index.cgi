#!/bin/sh
# Notes 1.0.0: one note per line in /data/notes.txt (the volume kept across upgrades), oldest first.
. /usr/local/lib/html.sh
notes=/data/notes.txt
if [ "$REQUEST_METHOD" = POST ]; then
  note=$(head -c "${CONTENT_LENGTH:-0}" | html_form_field note | tr -d '\r\n\t' | head -c 500)
  if [ -n "$note" ]; then
    printf '%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$note" >> "$notes"
    echo "note added: ${#note} characters" >&2
  fi
  printf 'Status: 303 See Other\r\nLocation: /\r\n\r\n'
  exit 0
fi
html_head "${NOTES_TITLE:-Notes}"
printf '<h1>%s</h1><p><span class="version">version 1.0.0</span></p>' "$(printf '%s' "${NOTES_TITLE:-Notes}" | html_escape)"
printf '<form method="post" action="/cgi-bin/index.cgi"><label for="note">New note</label><input type="text" id="note" name="note" maxlength="500" required><button type="submit">Add</button></form>'
printf '<ul id="notes">'
if [ -s "$notes" ]; then
  html_escape < "$notes" | awk -F '\t' '{ printf "<li><time>%s</time>%s</li>", $1, $2 }'
fi
printf '</ul>'
html_foot
