package corpus_test

import (
	"context"
	"encoding/csv"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"

	"github.com/policysearch/policysearch/corpus"
)

// The demo corpus is what `make run` indexes and what the demo
// searches ("Open RAN", KDDI, May 2023), so these checks guard its shape: if
// an article is added or renamed, EXPECTED.tsv must follow.

const articlesDir = "articles"

// expected is one row of articles/EXPECTED.tsv (see corpus/README.md).
type expected struct {
	file, title, published, source, lang, url, encoding string
	// bodyStarts and bodyEnds are text the main body must contain (its
	// first and last words); boilerplate is page text it must not contain.
	bodyStarts, bodyEnds, boilerplate string
}

const expectedColumns = 10

func readExpected(t *testing.T) []expected {
	t.Helper()
	f, err := os.Open(filepath.Join(articlesDir, "EXPECTED.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true // titles contain plain double quotes
	var rows []expected
	for line := 0; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("EXPECTED.tsv: %v", err)
		}
		if len(rec) != expectedColumns {
			t.Fatalf("EXPECTED.tsv line %d: %d columns, want %d", line+1, len(rec), expectedColumns)
		}
		if line == 0 {
			continue // header
		}
		rows = append(rows, expected{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[7], rec[8], rec[9]})
	}
	return rows
}

func walkArticles(t *testing.T) map[string]corpus.Source {
	t.Helper()
	found := map[string]corpus.Source{}
	err := corpus.Walk(context.Background(), articlesDir, func(s corpus.Source) error {
		found[s.Rel] = s
		return nil
	}, func(path string, err error) { t.Errorf("walk skipped %s: %v", path, err) })
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func TestDemoCorpusShape(t *testing.T) {
	found := walkArticles(t)
	if len(found) < 44 {
		t.Errorf("demo corpus has %d articles, want at least 44", len(found))
	}
	sites := map[string]bool{}
	for rel := range found {
		sites[strings.SplitN(rel, "/", 2)[0]] = true
	}
	if len(sites) < 5 {
		t.Errorf("demo corpus has %d site folders, want at least 5", len(sites))
	}

	rows := readExpected(t)
	listed := map[string]bool{}
	var inMay2023, kddiOpenRANMay int
	for _, row := range rows {
		listed[row.file] = true
		if _, ok := found[row.file]; !ok {
			t.Errorf("EXPECTED.tsv lists %s, which Walk did not find", row.file)
		}
		if _, err := time.Parse(corpus.DateLayout, row.published); err != nil {
			t.Errorf("%s: published %q: %v", row.file, row.published, err)
		}
		if strings.HasPrefix(row.published, "2023-05-") {
			inMay2023++
		}
	}
	for rel := range found {
		if !listed[rel] {
			t.Errorf("%s is not listed in EXPECTED.tsv", rel)
		}
	}
	if inMay2023 < 4 {
		t.Errorf("%d articles published in May 2023, want at least 4 for the demo", inMay2023)
	}

	// The demo query "Open RAN" narrowed to KDDI and May 2023 needs hits.
	for _, row := range rows {
		if !strings.HasPrefix(row.published, "2023-05-") || row.encoding != "UTF-8" {
			continue
		}
		b, err := corpus.ReadFile(filepath.Join(articlesDir, row.file))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "Open RAN") && strings.Contains(string(b), "KDDI") {
			kddiOpenRANMay++
		}
	}
	if kddiOpenRANMay < 2 {
		t.Errorf("%d English articles of May 2023 mention both KDDI and Open RAN, want at least 2", kddiOpenRANMay)
	}
}

// TestDemoCorpusEncodings checks that every article decodes with the encoding
// EXPECTED.tsv gives and then contains the title, URL, body and boilerplate
// text its row names (so the row is usable as ground truth), and that the legacy
// encoded pages are not valid UTF-8, so a cleaner that assumes UTF-8 fails
// visibly on them.
// markup matches one HTML tag.
var markup = regexp.MustCompile(`<[^>]*>`)

func TestDemoCorpusEncodings(t *testing.T) {
	legacy := 0
	for _, row := range readExpected(t) {
		t.Run(row.file, func(t *testing.T) {
			raw, err := corpus.ReadFile(filepath.Join(articlesDir, row.file))
			if err != nil {
				t.Fatal(err)
			}
			var enc encoding.Encoding
			switch {
			case row.encoding == "UTF-8":
			case strings.HasPrefix(row.encoding, "EUC-KR"):
				enc = korean.EUCKR
			case strings.HasPrefix(row.encoding, "Shift_JIS"):
				enc = japanese.ShiftJIS
			default:
				t.Fatalf("unknown encoding %q", row.encoding)
			}
			text := string(raw)
			if enc != nil {
				legacy++
				if utf8.Valid(raw) {
					t.Errorf("%s is valid UTF-8; it should be %s", row.file, row.encoding)
				}
				dec, err := enc.NewDecoder().Bytes(raw)
				if err != nil {
					t.Fatalf("decode as %s: %v", row.encoding, err)
				}
				text = string(dec)
			} else if !utf8.Valid(raw) {
				t.Errorf("%s is not valid UTF-8", row.file)
			}
			source := text
			text = strings.Join(strings.Fields(html.UnescapeString(text)), " ")
			// The boilerplate column lists the page's furniture the cleaner
			// must drop, several items separated by " || ".
			wants := append([]string{row.title, row.url, row.bodyStarts, row.bodyEnds}, strings.Split(row.boilerplate, " || ")...)
			// Furniture such as a breadcrumb is written across tags; it is
			// looked for in the page's text without its markup as well.
			bare := strings.Join(strings.Fields(html.UnescapeString(markup.ReplaceAllString(source, ""))), " ")
			for _, want := range wants {
				if !strings.Contains(text, want) && !strings.Contains(bare, want) {
					t.Errorf("%q not found in the page", want)
				}
			}
			noDecl := strings.Contains(row.encoding, "no declaration")
			if noDecl && strings.Contains(strings.ToLower(text), "charset") {
				t.Errorf("%s should carry no charset declaration", row.file)
			}
		})
	}
	if legacy < 4 {
		t.Errorf("%d EUC-KR or Shift_JIS articles, want at least 4", legacy)
	}
}
