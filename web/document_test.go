package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
)

// TestLooksLikeHeading is the table of the subheading rule.
func TestLooksLikeHeading(t *testing.T) {
	long := "The ministry said the plan would take effect next year, after a public consultation that drew more than two hundred comments."
	tests := []struct {
		name  string
		paras []string
		i     int
		want  bool
	}{
		{"short line before a paragraph", []string{long, "Korea–Japan cooperation moves ahead", long}, 1, true},
		{"Japanese subheading", []string{long, "政府の方針", long}, 1, true},
		{"first block is never one", []string{"For immediate release", long}, 0, false},
		{"last block is never one", []string{long, "Contact us"}, 1, false},
		{"a sentence", []string{long, "The plan was approved.", long}, 1, false},
		{"a question", []string{long, "What comes next?", long}, 1, false},
		{"a list item", []string{long, "• lower tariffs", long}, 1, false},
		{"a quotation", []string{long, "“We are ready”", long}, 1, false},
		{"a date alone", []string{long, "2023-05-31", long}, 1, false},
		{"a counter", []string{long, "Views: 494", long}, 1, false},
		{"a year in a heading", []string{long, "Plans for 2024", long}, 1, true},
		{"not shorter than what follows", []string{long, "Background", "Short too"}, 1, false},
		{"too long for a line", []string{long, strings.Repeat("word ", 20), long + long}, 1, false},
	}
	for _, tt := range tests {
		if got := looksLikeHeading(tt.paras, tt.i); got != tt.want {
			t.Errorf("%s: looksLikeHeading = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOtherNames(t *testing.T) {
	got := otherNames("KDDI", []string{"KDDI", "kddi", "KDDI Corporation", "KDDI Corporation", " "})
	if diff := cmp.Diff([]string{"KDDI Corporation"}, got); diff != "" {
		t.Errorf("otherNames (-want +got):\n%s", diff)
	}
}

// TestEntityGroupsOnce: an entity listed twice by the extractor shows once,
// its counts added and its names merged.
func TestEntityGroupsOnce(t *testing.T) {
	d := &corpus.Document{Entities: []corpus.Entity{
		{Kind: corpus.Organization, Name: "KDDI", Mentions: []string{"KDDI"}, Count: 2},
		{Kind: corpus.Organization, Name: "KDDI", Mentions: []string{"au"}, Count: 1},
	}}
	g := entityGroups(d)
	if len(g) != 1 || len(g[0].Items) != 1 || g[0].Items[0].Count != 3 || strings.Join(g[0].Items[0].Mentions, ",") != "au" {
		t.Errorf("entity groups = %+v", g)
	}
}

// TestArticleMarksTheSearch: opened from a search, the article page marks
// its words, keeps it in the search box and returns to it.
func TestArticleMarksTheSearch(t *testing.T) {
	srv := newTestServer(t, Options{})
	w := get(t, srv, "/documents/openran-visit?q=%22Open+RAN%22")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`<mark>Open</mark> <mark>RAN</mark>`,
		`value="&#34;Open RAN&#34;"`,
		`<p class="back" lang="en"><a href="/?q=%22Open%20RAN%22">`,
		`The words of your search are <mark>highlighted</mark>.`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	// Unmarked without a query, and escaped either way.
	plain := get(t, srv, "/documents/xss-chips?q=alert").Body.String()
	assertEscaped(t, "marked article", plain)
	if !strings.Contains(plain, "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;") {
		t.Error("a match inside escaped markup is not marked")
	}
}
