#!/bin/sh
# Notes 2.0.0: the same /data/notes.txt as 1.0.0 (upgrade and rollback keep it), newest first, with a count.
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
count=0
[ -f "$notes" ] && count=$(wc -l < "$notes" | tr -d ' ')
html_head "${NOTES_TITLE:-Notes}"
printf '<h1>%s</h1><p><span class="version">version 2.0.0</span> <span id="count">%s notes</span></p>' "$(printf '%s' "${NOTES_TITLE:-Notes}" | html_escape)" "$count"
printf '<form method="post" action="/cgi-bin/index.cgi"><label for="note">New note</label><input type="text" id="note" name="note" maxlength="500" required><button type="submit">Add</button></form>'
printf '<ul id="notes">'
if [ -s "$notes" ]; then
  tac "$notes" | html_escape | awk -F '\t' '{ printf "<li><time>%s</time>%s</li>", $1, $2 }'
fi
printf '</ul>'
html_foot
