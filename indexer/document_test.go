package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

// equalityDocs are the demo articles as a build cleans them, plus
// documents written here for the corners of the mapping: no date, no
// entities, an empty title, a date in another time zone, several names of
// a kind, Korean and Japanese text, full-width letters.
func equalityDocs(t *testing.T) []*corpus.Document {
	t.Helper()
	srcs, _, err := walkCorpus(context.Background(), filepath.Join("..", "corpus", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, s := range srcs {
		raw, err := corpus.ReadFile(s.Path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := PrepareBytes(context.Background(), raw, s.Path, s.Rel)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	if len(docs) < 40 {
		t.Fatalf("only %d demo articles", len(docs))
	}
	kst := time.FixedZone("KST", 9*3600)
	docs = append(docs,
		&corpus.Document{ID: "x-nodate", File: "x/nodate.html", Hash: "h1", Title: "Ministry sets out chip plan",
			Paragraphs: []string{"The Ministry of Science and ICT said on Monday it would fund chips.", "No date was given."}, Lang: "en"},
		&corpus.Document{ID: "x-empty-title", File: "x/empty.html", Hash: "h2", Paragraphs: []string{"Only a body, no title at all."},
			Published: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		&corpus.Document{ID: "x-kst", File: "x/kst.html", Hash: "h3", URL: "https://example.test/a", Source: "Example Wire",
			Title: "과학기술정보통신부는 KDDI와 협력", Paragraphs: []string{"ソフトバンクが発表した。総務省は Ｏｐｅｎ RAN を支援する。", "과학기술정보통신부는 정보통신 정책을 발표했다."},
			Published: time.Date(2023, 5, 31, 0, 0, 0, 0, kst), Lang: "ko",
			Entities: []corpus.Entity{
				{Kind: corpus.Organization, Name: "Ministry of Science and ICT", Mentions: []string{"과학기술정보통신부"}},
				{Kind: corpus.Organization, Name: "KDDI", Mentions: []string{"KDDI"}},
				{Kind: corpus.Organization, Name: "SoftBank", Mentions: []string{"ソフトバンク"}},
				{Kind: corpus.Place, Name: "Japan"}, {Kind: corpus.Place, Name: "South Korea", Mentions: []string{"Korea", "한국"}},
				{Kind: corpus.Person, Name: "Kim Min-jun", Mentions: []string{"Kim"}},
			}},
	)
	return docs
}

// TestBuildDocumentMatchesMapping indexes the same documents through
// bleve's mapping of ToIndexed and through BuildDocument, and requires the
// two indexes to be identical document by document: the stored fields
// (name, array positions, value), the list of fields, and for every field
// every term with its documents, frequencies, norms and term vectors
// (positions, offsets, array positions).
func TestBuildDocumentMatchesMapping(t *testing.T) {
	docs := equalityDocs(t)
	mapped := newTestIndex(t, docs, func(b *bleve.Batch, d *corpus.Document) error {
		return b.Index(d.ID, ToIndexedWith(d, entities.Aliases))
	})
	built := newTestIndex(t, docs, func(b *bleve.Batch, d *corpus.Document) error {
		return b.IndexAdvanced(BuildDocument(d, entities.Aliases))
	})
	want, got := dumpIndex(t, mapped, docs), dumpIndex(t, built, docs)
	if len(want.postings) < 10000 {
		t.Fatalf("only %d postings compared", len(want.postings))
	}
	if diff := cmp.Diff(want.fields, got.fields); diff != "" {
		t.Errorf("fields (-mapping +built):\n%s", diff)
	}
	if diff := cmp.Diff(want.stored, got.stored); diff != "" {
		t.Errorf("stored fields (-mapping +built):\n%s", diff)
	}
	if diff := cmp.Diff(want.postings, got.postings); diff != "" {
		t.Errorf("postings (-mapping +built):\n%s", diff)
	}
}

func newTestIndex(t *testing.T, docs []*corpus.Document, add func(*bleve.Batch, *corpus.Document) error) bleve.Index {
	t.Helper()
	idx, err := bleve.NewUsing("", NewMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for i, d := range docs {
		if err := add(b, d); err != nil {
			t.Fatal(err)
		}
		if i%7 == 6 { // several segments
			if err := idx.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = idx.NewBatch()
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

type indexDump struct {
	fields   []string
	stored   map[string][]string // doc → "field [positions] value"
	postings []string            // "field term doc freq norm vectors", sorted
}

func dumpIndex(t *testing.T, idx bleve.Index, docs []*corpus.Document) indexDump {
	t.Helper()
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out indexDump
	if out.fields, err = r.Fields(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out.fields)
	out.stored = map[string][]string{}
	for _, d := range docs {
		doc, err := r.Document(d.ID)
		if err != nil || doc == nil {
			t.Fatalf("document %s: %v", d.ID, err)
		}
		var fs []string
		doc.VisitFields(func(f index.Field) {
			fs = append(fs, fmt.Sprintf("%s %v %q", f.Name(), f.ArrayPositions(), f.Value()))
		})
		out.stored[d.ID] = fs
	}
	ctx := context.Background()
	for _, field := range out.fields {
		dict, err := r.FieldDict(field)
		if err != nil {
			t.Fatal(err)
		}
		var terms []string
		for {
			e, err := dict.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			terms = append(terms, e.Term)
		}
		dict.Close()
		for _, term := range terms {
			tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, true)
			if err != nil {
				t.Fatal(err)
			}
			for {
				p, err := tfr.Next(nil)
				if err != nil {
					t.Fatal(err)
				}
				if p == nil {
					break
				}
				id, err := r.ExternalID(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				var vs []string
				for _, v := range p.Vectors {
					vs = append(vs, fmt.Sprintf("%s%v@%d[%d:%d]", v.Field, v.ArrayPositions, v.Pos, v.Start, v.End))
				}
				out.postings = append(out.postings, fmt.Sprintf("%s %q %s freq=%d norm=%g %s", field, term, id, p.Freq, p.Norm, strings.Join(vs, " ")))
			}
			tfr.Close()
		}
	}
	sort.Strings(out.postings)
	return out
}
