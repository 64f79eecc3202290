package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words here ", 30)
	tests := []struct {
		name    string
		body    string
		matches []Span
		want    string
	}{
		{"no matches: start of body", "Hello <b>world</b>", nil, "Hello &lt;b&gt;world&lt;/b&gt;"},
		{"quotes and ampersands", `a "b" & 'c'`, []Span{{0, 1}}, `<mark>a</mark> &#34;b&#34; &amp; &#39;c&#39;`},
		{"overlapping matches merge", "정보통신", []Span{{0, 6}, {3, 9}, {6, 12}}, "<mark>정보통신</mark>"},
		{"spans off rune boundaries are dropped", "정보", []Span{{1, 4}}, "정보"},
		{"spans outside the body are dropped", "abc", []Span{{2, 10}}, "abc"},
		{"paragraphs fold into spaces", "one\n\ntwo", nil, "one two"},
		{"window moves to the match", long + "target " + long, []Span{{len(long), len(long) + 6}}, ""},
	}
	for _, tt := range tests {
		got := string(Snippet(tt.body, tt.matches))
		if tt.want == "" {
			// Long body: the match is shown, with ellipses at both ends.
			if !strings.Contains(got, "<mark>target</mark>") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
				t.Errorf("%s: got %q", tt.name, got)
			}
			if n := len([]rune(got)); n > snippetRunes+40 {
				t.Errorf("%s: %d characters, want about %d", tt.name, n, snippetRunes)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
