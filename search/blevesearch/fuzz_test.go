package blevesearch

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

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
		_, err := s.Search(context.Background(), search.Request{Query: q})
		if err != nil && !errors.Is(err, search.ErrBadQuery) {
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
