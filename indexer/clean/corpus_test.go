package clean_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
)

// demoDir is the demo corpus written for the project (corpus/articles),
// with its expected fields in EXPECTED.tsv.
var demoDir = filepath.Join("..", "..", "corpus", "articles")

// fixedNow keeps tests independent of the day they run on.
var fixedNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

type expectedRow struct {
	file, title, published, source, lang, url, encoding, bodyStarts, bodyEnds, boilerplate string
}

func readExpected(t *testing.T) []expectedRow {
	t.Helper()
	f, err := os.Open(filepath.Join(demoDir, "EXPECTED.tsv"))
	if errors.Is(err, os.ErrNotExist) {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but the demo corpus has no EXPECTED.tsv: nothing would be checked")
		}
		t.Skip("no demo corpus EXPECTED.tsv")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var rows []expectedRow
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("EXPECTED.tsv: %v", err)
		}
		if i == 0 {
			continue // header
		}
		if len(rec) != 10 {
			t.Fatalf("EXPECTED.tsv line %d has %d fields, want 10: a row skipped would test nothing", i+1, len(rec))
		}
		rows = append(rows, expectedRow{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[7], rec[8], rec[9]})
	}
	if len(rows) == 0 {
		t.Fatal("EXPECTED.tsv has no rows")
	}
	return rows
}

// cleanFile reads a demo article (plain or .gz) and cleans it.
func cleanFile(t *testing.T, path string) *corpus.Document {
	t.Helper()
	raw, err := corpus.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	doc, err := clean.Clean(raw, clean.Options{Path: path, Now: fixedNow})
	if err != nil {
		t.Fatalf("clean %s: %v", path, err)
	}
	return doc
}

// TestDemoCorpus checks every demo article against EXPECTED.tsv: title,
// date, source, language, URL, the body's first and last words, and a
// piece of page boilerplate that must not reach the body.
func TestDemoCorpus(t *testing.T) {
	for _, row := range readExpected(t) {
		t.Run(row.file, func(t *testing.T) {
			doc := cleanFile(t, filepath.Join(demoDir, filepath.FromSlash(row.file)))
			check := func(field, want, got string) {
				if want != got {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("title", row.title, doc.Title)
			check("published", row.published, doc.PublishedDay())
			check("source", row.source, doc.Source)
			check("lang", row.lang, doc.Lang)
			check("url", row.url, doc.URL)
			body := doc.Body()
			if row.bodyStarts != "" && !strings.Contains(body, row.bodyStarts) {
				t.Errorf("body lacks its start %q; body begins %q", row.bodyStarts, head(body, 120))
			}
			if row.bodyEnds != "" && !strings.Contains(body, row.bodyEnds) {
				t.Errorf("body lacks its end %q; body ends %q", row.bodyEnds, tail(body, 120))
			}
			if row.boilerplate != "" && strings.Contains(body, row.boilerplate) {
				t.Errorf("body holds boilerplate %q", row.boilerplate)
			}
		})
	}
}

func head(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

func tail(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[len(r)-n:]
	}
	return string(r)
}
