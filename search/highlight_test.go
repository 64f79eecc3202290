package search_test

import (
	"context"
	"strings"
	"testing"
)

// TestHighlight: the article page marks the search's words in every
// paragraph, escapes the article's text, and marks nothing for a query
// that does not match.
func TestHighlight(t *testing.T) {
	s, docs := newTestSearcher(t)
	ctx := context.Background()
	paras, err := s.Highlight(ctx, "en-markup-notes", `"Open RAN"`)
	if err != nil {
		t.Fatal(err)
	}
	var doc []string
	for _, d := range docs {
		if d.ID == "en-markup-notes" {
			doc = d.Paragraphs
		}
	}
	if len(paras) != len(doc) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(doc))
	}
	all := ""
	for _, p := range paras {
		all += string(p) + "\n"
	}
	if !strings.Contains(all, "<mark>Open</mark> <mark>RAN</mark>") {
		t.Errorf("no marked phrase in:\n%s", all)
	}
	if strings.Contains(all, "<script") {
		t.Errorf("article markup left unescaped:\n%s", all)
	}
	stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(all)
	if strings.Count(stripped, "\n") != len(doc) {
		t.Errorf("paragraph count changed")
	}
	for _, q := range []string{"", "-ran", "nothingmatchesthis"} {
		paras, err := s.Highlight(ctx, "en-markup-notes", q)
		if err != nil || paras != nil {
			t.Errorf("Highlight(%q) = %v, %v; want nil, nil", q, paras, err)
		}
	}
}
