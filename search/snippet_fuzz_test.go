package search

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSnippet: whatever the body and match offsets, the snippet is the
// body's text escaped, with no markup but our <mark> tags.
func FuzzSnippet(f *testing.F) {
	f.Add(`KDDI <script>alert(1)</script> & "Open RAN"`, 0, 4)
	f.Add("과학기술정보통신부는 정보통신", 3, 9)
	f.Add("a\x00b\xffc", 1, 2)
	f.Fuzz(func(t *testing.T, body string, start, end int) {
		got := string(Snippet(body, []Span{{start, end}}))
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
		if strings.ContainsAny(plain, "<>\"'") {
			t.Fatalf("snippet(%q) = %q: markup other than <mark>", body, got)
		}
		if strings.Count(got, "<mark>") != strings.Count(got, "</mark>") {
			t.Fatalf("snippet(%q) = %q: unbalanced <mark>", body, got)
		}
		if utf8.ValidString(body) && !strings.ContainsRune(body, 0) && !strings.Contains(strings.Join(strings.Fields(body), " "), strings.Trim(html.UnescapeString(plain), "… ")) {
			t.Fatalf("snippet(%q) = %q: not text of the body", body, got)
		}
	})
}
