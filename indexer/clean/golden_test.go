package clean_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
)

var update = flag.Bool("update", false, "rewrite the golden files from the cleaner's output")

// golden is what a golden file records of a cleaned page.
type golden struct {
	Title      string   `json:"title"`
	Published  string   `json:"published"`
	Source     string   `json:"source"`
	Lang       string   `json:"lang"`
	URL        string   `json:"url"`
	Paragraphs []string `json:"paragraphs"`
}

func toGolden(d *corpus.Document) golden {
	p := d.Paragraphs
	if p == nil {
		p = []string{}
	}
	return golden{Title: d.Title, Published: d.PublishedDay(), Source: d.Source, Lang: d.Lang, URL: d.URL, Paragraphs: p}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, path string, got any) {
	t.Helper()
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./indexer/clean -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(b)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestGolden cleans every testdata/NAME.html (pages written for these
// tests: boilerplate-heavy, undeclared EUC-KR and Shift_JIS, a copyright
// year as the only date, modified vs published dates, a site-name suffix,
// markup written as text) and compares with NAME.golden.json.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	// A golden file whose page is gone would be checked by nothing.
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.golden.json"))
	for _, g := range goldens {
		page := strings.TrimSuffix(g, ".golden.json") + ".html"
		if _, err := os.Stat(page); err != nil && filepath.Base(g) != "demo-corpus.golden.json" {
			t.Errorf("%s has no page %s", g, page)
		}
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := clean.Clean(context.Background(), raw, clean.Options{Path: f, Now: fixedNow})
			if err != nil {
				t.Fatalf("Clean: %v", err)
			}
			checkGolden(t, filepath.Join("testdata", name+".golden.json"), toGolden(doc))
		})
	}
}

// TestGoldenDemoCorpus records the cleaned form of every demo article in
// one golden file, so that a change in the cleaner shows as a diff over the
// corpus the product is demonstrated with.
func TestGoldenDemoCorpus(t *testing.T) {
	rows := readExpected(t)
	got := map[string]golden{}
	for _, row := range rows {
		doc := cleanFile(t, filepath.Join(demoDir, filepath.FromSlash(row.file)))
		got[row.file] = toGolden(doc)
	}
	checkGolden(t, filepath.Join("testdata", "demo-corpus.golden.json"), got)
}
