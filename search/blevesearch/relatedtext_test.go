package blevesearch

import (
	"testing"

	"github.com/policysearch/policysearch/corpus"
)

// TestRelatedText: the window of text "related articles" weighs keeps the
// title and whole paragraphs while they fit, cuts the first that does not
// at a space (or a character boundary) and never passes its limit.
func TestRelatedText(t *testing.T) {
	tests := []struct {
		name  string
		title string
		paras []string
		limit int
		want  string
	}{
		{"all fits", "T", []string{"one two", "three"}, 100, "T\n\none two\n\nthree"},
		{"cut at a space", "T", []string{"one two three"}, 12, "T\n\none two"},
		{"later paragraphs dropped", "T", []string{"one", "two three four", "five"}, 12, "T\n\none\n\ntwo"},
		{"no word cut in two", "T", []string{"one", "two three four"}, 10, "T\n\none"},
		{"no space: a character boundary", "", []string{"半導体半導体"}, 2 + 7, "\n\n半導"},
		{"the title alone is cut", "harbour cranes", []string{"body"}, 9, "harbour"},
	}
	for _, tt := range tests {
		got := relatedText(&corpus.Document{Title: tt.title, Paragraphs: tt.paras}, tt.limit)
		if got != tt.want {
			t.Errorf("%s: relatedText = %q, want %q", tt.name, got, tt.want)
		}
		if len(got) > tt.limit {
			t.Errorf("%s: %d bytes, over the limit %d", tt.name, len(got), tt.limit)
		}
	}
}
