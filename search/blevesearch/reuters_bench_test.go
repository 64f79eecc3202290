package blevesearch_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
)

// reutersDir holds the Reuters-21578 collection (third-party, research use
// only): read in place when present, never copied into the repo.
const reutersDir = "/work/shared/corpora/reuters21578/sgm"

var (
	reutersOnce sync.Once
	reutersIdx  bleve.Index
	reutersN    int
	reutersErr  error
)

var (
	reStory = regexp.MustCompile(`(?s)<REUTERS [^>]*NEWID="(\d+)">(.*?)</REUTERS>`)
	reDate  = regexp.MustCompile(`<DATE>\s*(\d+-[A-Z]{3}-\d{4})`)
	reTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody  = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reD     = regexp.MustCompile(`<D>(.*?)</D>`)
)

func reutersList(story, tag string) []string {
	i := strings.Index(story, "<"+tag+">")
	j := strings.Index(story, "</"+tag+">")
	if i < 0 || j < i {
		return nil
	}
	var out []string
	for _, m := range reD.FindAllStringSubmatch(story[i:j], -1) {
		out = append(out, m[1])
	}
	return out
}

// reutersDocs turns the SGML stories into documents: title, body in
// paragraphs, date, and the labelled places, organizations and people as
// entities, which gives facets with real, skewed distributions.
func reutersDocs() ([]*corpus.Document, error) {
	files, err := filepath.Glob(filepath.Join(reutersDir, "reut2-*.sgm.gz"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no Reuters files in %s", reutersDir)
	}
	var docs []*corpus.Document
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			fh.Close()
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, m := range reStory.FindAllStringSubmatch(string(b), -1) {
			story := m[2]
			d := &corpus.Document{ID: "reuters-" + m[1], File: "reuters/" + m[1], Source: "Reuters", Lang: "en"}
			if t := reTitle.FindStringSubmatch(story); t != nil {
				d.Title = html.UnescapeString(t[1])
			}
			if t := reBody.FindStringSubmatch(story); t != nil {
				for _, p := range strings.Split(html.UnescapeString(t[1]), "\n    ") {
					if p = strings.Join(strings.Fields(p), " "); p != "" {
						d.Paragraphs = append(d.Paragraphs, p)
					}
				}
			}
			if t := reDate.FindStringSubmatch(story); t != nil {
				if day, err := time.Parse("2-Jan-2006", t[1]); err == nil { // month names match in any case
					d.Published = day
				}
			}
			for _, kind := range []struct {
				tag  string
				kind corpus.EntityKind
			}{{"PLACES", corpus.Place}, {"ORGS", corpus.Organization}, {"PEOPLE", corpus.Person}} {
				for _, v := range reutersList(story, kind.tag) {
					d.Entities = append(d.Entities, corpus.Entity{Kind: kind.kind, Name: v, Mentions: []string{v}})
				}
			}
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// BenchmarkSearchReuters measures requests on real newswire text: the
// 21,578 Reuters-21578 stories with their labelled places, organizations
// and people as facets. Skipped when the collection is absent.
//
//	go test -run '^$' -bench BenchmarkSearchReuters -benchmem ./search/blevesearch/
func BenchmarkSearchReuters(b *testing.B) {
	if _, err := os.Stat(reutersDir); err != nil {
		b.Skip("Reuters-21578 not present:", err)
	}
	reutersOnce.Do(func() {
		docs, err := reutersDocs()
		if err != nil {
			reutersErr = err
			return
		}
		reutersN = len(docs)
		reutersIdx, reutersErr = indexer.NewMemIndexWith(docs, nil)
	})
	if reutersErr != nil {
		b.Fatal(reutersErr)
	}
	idx := reutersIdx
	s := blevesearch.NewIndexSearcher(idx)
	day := func(s string) time.Time { t, _ := time.Parse(corpus.DateLayout, s); return t }
	cases := []benchCase{
		{"all", search.Request{}},
		{"word", search.Request{Query: "oil"}},
		{"two-words", search.Request{Query: "oil prices"}},
		{"phrase", search.Request{Query: `"interest rates"`}},
		{"rare", search.Request{Query: "cocoa"}},
		{"or-not", search.Request{Query: "wheat OR corn -usa"}},
		{"place", search.Request{Query: "oil", Places: []string{"usa"}}},
		{"two-places-org", search.Request{Query: "oil", Places: []string{"usa", "uk"}, Orgs: []string{"opec"}}},
		{"month", search.Request{Query: "oil", From: day("1987-03-01"), To: day("1987-03-31")}},
		{"newest", search.Request{Query: "oil", Sort: search.SortNewest}},
	}
	runSearchCases(b, idx, cases, func(b *testing.B) { b.ReportMetric(float64(reutersN), "docs") })
	ctx := context.Background()
	// The next page of a search already made: the facet counts come from
	// the cache.
	for _, c := range cases[:2] {
		b.Run(c.name+"-next-page", func(b *testing.B) {
			if _, err := s.Search(ctx, c.req); err != nil {
				b.Fatal(err)
			}
			req := c.req
			req.Page = 2
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
