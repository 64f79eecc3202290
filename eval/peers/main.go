// Command peers measures our cleaner and the Go extractors we compare it
// with, side by side in one run, on the development and test parts of the
// evaluation sets (../../../shared/corpora, or -corpora):
// go-trafilatura (bodies, titles, dates), go-readability (readeck; bodies,
// titles, dates) and go-htmldate (dates).
//
// It is a module of its own so that the peers' dependencies (a date parser
// with every language's tables, two readability ports, a DOM distiller)
// stay out of the main module: the search engine never runs them. Scoring
// is the main module's (indexer/clean/cleaneval), so every extractor is
// judged by the same code as `make eval`.
//
//	cd eval/peers && go run . [-mode production|url-hint] [-set NAME]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"

	"github.com/policysearch/policysearch/indexer/clean"
	"github.com/policysearch/policysearch/indexer/clean/cleaneval"
)

// extractor is one contender: a name and what it extracts from a page.
type extractor struct {
	name string
	run  func(ctx context.Context, pg *cleaneval.Page, mode cleaneval.Mode) cleaneval.Extracted
	// dateOnly extractors are scored on dates alone.
	dateOnly bool
}

func main() {
	corpora := flag.String("corpora", envOr("POLICYSEARCH_CORPORA", filepath.Join("..", "..", "..", "shared", "corpora")), "folder of the evaluation corpora")
	modeName := flag.String("mode", "production", "production (the file only) or url-hint (the fetch URL too)")
	only := flag.String("set", "", "measure only this set")
	flag.Parse()
	mode := cleaneval.Production
	switch *modeName {
	case "production":
	case "url-hint":
		mode = cleaneval.URLHint
	default:
		fmt.Fprintf(os.Stderr, "peers: unknown -mode %q (production or url-hint)\n", *modeName)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *corpora, *only, mode); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

var extractors = []extractor{
	{name: "policysearch", run: ours},
	{name: "go-trafilatura", run: trafilaturaPeer},
	{name: "go-readability", run: readabilityPeer},
	{name: "go-htmldate", run: htmldatePeer, dateOnly: true},
}

func run(ctx context.Context, corpora, only string, mode cleaneval.Mode) error {
	fmt.Printf("extraction, %s mode; body = 4-token shingle F1 (trafilatura-eval: snippets); ± = bootstrap standard error\n", mode)
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "set\tpart\tpages\textractor\tbody F1\t±\ttitle\t±\tdate\t±\tpages/s\t")
	for _, set := range cleaneval.Sets {
		if only != "" && set != only {
			continue
		}
		pages, err := cleaneval.Load(corpora, set)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Printf("%s absent, skipped\n", set)
			continue
		}
		if err != nil {
			return err
		}
		dated := false
		for i := range pages {
			dated = dated || pages[i].Date != ""
		}
		for _, ex := range extractors {
			if ex.dateOnly && !dated {
				continue
			}
			outs := make([]cleaneval.Outcome, 0, len(pages))
			for i := range pages {
				if err := ctx.Err(); err != nil {
					return err
				}
				start := time.Now()
				got := safely(ctx, ex, &pages[i], mode)
				o := cleaneval.Score(&pages[i], got)
				o.Took = time.Since(start)
				outs = append(outs, o)
			}
			dev, test := cleaneval.Summarize(set, "all", outs).Split()
			for _, r := range []*cleaneval.Report{dev, test} {
				body, bse, title, tse, date, dse := "-", "-", "-", "-", "-", "-"
				if _, _, f, ok := r.Body(); ok && !ex.dateOnly {
					body, bse = fmt.Sprintf("%.3f", f), fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["body F1"], 300))
				}
				if r.TitlePages > 0 && !ex.dateOnly {
					title, tse = fmt.Sprintf("%.3f", r.TitleAcc()), fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["title"], 300))
				}
				if r.DatePages > 0 {
					date, dse = fmt.Sprintf("%.3f", r.DateAcc()), fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["date"], 300))
				}
				rate := float64(r.Pages) / r.Took.Seconds()
				fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t\n", set, r.Part, r.Pages, ex.name, body, bse, title, tse, date, dse, rate)
			}
		}
		w.Flush()
	}
	return w.Flush()
}

// safely runs one extractor on one page, turning a peer's panic into an
// error on that page (the peers are not ours to fix).
func safely(ctx context.Context, ex extractor, pg *cleaneval.Page, mode cleaneval.Mode) (got cleaneval.Extracted) {
	defer func() {
		if r := recover(); r != nil {
			got = cleaneval.Extracted{Err: fmt.Errorf("%s panicked: %v", ex.name, r)}
		}
	}()
	return ex.run(ctx, pg, mode)
}

func ours(ctx context.Context, pg *cleaneval.Page, mode cleaneval.Mode) cleaneval.Extracted {
	doc, err := clean.Clean(ctx, pg.Raw, mode.Options(pg))
	return cleaneval.FromDocument(doc, err)
}

// pageURL is the fetch URL in URL-hint mode, nil in production mode.
func pageURL(pg *cleaneval.Page, mode cleaneval.Mode) *url.URL {
	if mode != cleaneval.URLHint {
		return nil
	}
	u, err := url.Parse(pg.URL)
	if err != nil {
		return nil
	}
	return u
}

// trafilaturaPeer runs go-trafilatura as its README recommends for
// precision: with the readability and dom-distiller fallbacks, comments
// left out.
func trafilaturaPeer(_ context.Context, pg *cleaneval.Page, mode cleaneval.Mode) cleaneval.Extracted {
	res, err := trafilatura.Extract(bytes.NewReader(pg.Raw), trafilatura.Options{
		OriginalURL: pageURL(pg, mode), EnableFallback: true, ExcludeComments: true,
	})
	if err != nil {
		return cleaneval.Extracted{Err: err}
	}
	out := cleaneval.Extracted{Title: res.Metadata.Title, Text: res.ContentText}
	if !res.Metadata.Date.IsZero() {
		out.Date = res.Metadata.Date.Format("2006-01-02")
	}
	return out
}

func readabilityPeer(_ context.Context, pg *cleaneval.Page, mode cleaneval.Mode) cleaneval.Extracted {
	art, err := readability.FromReader(bytes.NewReader(pg.Raw), pageURL(pg, mode))
	if err != nil {
		return cleaneval.Extracted{Err: err}
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return cleaneval.Extracted{Err: err}
	}
	out := cleaneval.Extracted{Title: art.Title(), Text: b.String()}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		out.Date = t.Format("2006-01-02")
	}
	return out
}

// htmldatePeer asks go-htmldate for the original (publication) date, with
// its extensive search, as the htmldate benchmark does.
func htmldatePeer(_ context.Context, pg *cleaneval.Page, mode cleaneval.Mode) cleaneval.Extracted {
	opt := htmldate.Options{UseOriginalDate: true}
	if mode == cleaneval.URLHint {
		opt.URL = pg.URL
	}
	res, err := htmldate.FromReader(bytes.NewReader(pg.Raw), opt)
	if err != nil {
		return cleaneval.Extracted{Err: err}
	}
	if res.DateTime.IsZero() {
		return cleaneval.Extracted{}
	}
	return cleaneval.Extracted{Date: res.DateTime.Format("2006-01-02")}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
