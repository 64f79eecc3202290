package search

import (
	"context"
	"errors"
	"html"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

// FuzzSnippet: whatever the body and match offsets, the snippet is the
// body's text escaped, with no markup but our <mark> tags.
func FuzzSnippet(f *testing.F) {
	f.Add(`KDDI <script>alert(1)</script> & "Open RAN"`, 0, 4)
	f.Add("과학기술정보통신부는 정보통신", 3, 9)
	f.Add("a\x00b\xffc", 1, 2)
	f.Fuzz(func(t *testing.T, body string, start, end int) {
		got := string(snippet(body, []span{{start, end}}))
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

// FuzzSearch: any query string gives a result or an error wrapping
// ErrBadQuery, never a panic or another error (which the web would answer
// with a 500).
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"", "open ran", `"Open RAN" -KDDI`, "org:", "a OR b AND c", "--x", "\xff", "과학 OR 総務省", `title:"x"`, "org:KDDI OR place:Japan"} {
		f.Add(q)
	}
	idx, err := newFuzzIndex()
	if err != nil {
		f.Fatal(err)
	}
	defer idx.Close()
	s := NewIndexSearcher(idx)
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Search(context.Background(), Request{Query: q})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("Search(%q): %v, want a result or ErrBadQuery", q, err)
		}
	})
}

// newFuzzIndex is a tiny index with the scripts and entities the query
// syntax reaches: English, Korean and Japanese text, every entity kind.
func newFuzzIndex() (bleve.Index, error) {
	day := time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC)
	return indexer.NewMemIndexWith([]*corpus.Document{
		{ID: "en", Title: "KDDI and SoftBank on Open RAN", Lang: "en", Source: "Policy Wire", Published: day,
			Paragraphs: []string{"The Ministry of Science and ICT (MSIT) met KDDI in Tokyo. Kenji Sato spoke."},
			Entities: []corpus.Entity{
				{Kind: corpus.Organization, Name: "KDDI", Mentions: []string{"KDDI"}},
				{Kind: corpus.Organization, Name: "Ministry of Science and ICT", Mentions: []string{"MSIT"}},
				{Kind: corpus.Place, Name: "Japan", Mentions: []string{"Tokyo"}},
				{Kind: corpus.Person, Name: "Kenji Sato", Mentions: []string{"Kenji Sato"}},
			}},
		{ID: "ko", Title: "과학기술정보통신부, 오픈랜 협력", Lang: "ko", Source: "정책브리핑",
			Paragraphs: []string{"과학기술정보통신부는 일본 총무성과 오픈랜 협력을 논의했다."}},
		{ID: "ja", Title: "総務省、5G基地局の安全基準", Lang: "ja", Published: day.AddDate(0, 1, 0),
			Paragraphs: []string{"総務省は5G基地局とOpen RANの安全基準を公表した。"}},
	}, nil)
}
