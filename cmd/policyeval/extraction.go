package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/policysearch/policysearch/indexer/clean/cleaneval"
)

// floorsExtraction holds the lowest acceptable figures, raised as the
// cleaner improves. Keys are the row labels the table prints.
//
//go:embed floors_extraction.json
var floorsExtraction []byte

var (
	extractionWrong = flag.Int("extraction.wrong", 0, "also list the N worst pages of each set's development part on stderr (body, title and date misses)")
	extractionSet   = flag.String("extraction.set", "", "measure only this set (aeb, l3s-gn1, trafilatura-eval, htmldate-eval)")
	extractionURL   = flag.Bool("extraction.url", false, "also measure the URL-hint mode (the fetch URL given to the cleaner), beside production")
)

// bootstraps is the number of resamples behind each sampling error.
const bootstraps = 500

func init() {
	evaluations = append(evaluations, evaluation{name: "extraction", run: runExtraction})
}

// runExtraction measures the cleaner in production mode (the file only)
// on the development and test part of every set, and checks the test
// parts against their floors. Under CI=true a set that is absent, or a
// floor that was not measured, is a failure: a quiet pass would hide that
// nothing was checked.
func runExtraction(ctx context.Context, corpora string) ([]string, error) {
	var floors map[string]float64
	if err := json.Unmarshal(floorsExtraction, &floors); err != nil {
		return nil, fmt.Errorf("read floors_extraction.json: %w", err)
	}
	ci := underCI()
	var missed []string
	modes := []cleaneval.Mode{cleaneval.Production}
	if *extractionURL {
		modes = append(modes, cleaneval.URLHint)
	}
	figures := map[string]float64{}
	var pages int
	var took, slowest time.Duration
	var slowestPage string
	fmt.Println("extraction (cleaner vs ground truth; body = 4-token shingles, mean per-page P and R, F1 of the means; " +
		"trafilatura-eval body = with/without snippets; ± = bootstrap standard error; parts split by host, docs/extraction.md)")
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "mode\tset\tpart\tpages\terrors\tbody P\tbody R\tbody F1\t±\ttitle\t±\tdate\t±\tdate cover\t")
	for _, set := range cleaneval.Sets {
		if *extractionSet != "" && set != *extractionSet {
			continue
		}
		pgs, err := cleaneval.Load(corpora, set)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Printf("extraction: %s absent, skipped\n", set)
				if ci {
					missed = append(missed, fmt.Sprintf("extraction: set %s absent under CI=true (%v)", set, err))
				}
				continue
			}
			return nil, err
		}
		for _, mode := range modes {
			r, err := cleaneval.Run(ctx, set, pgs, mode)
			if err != nil {
				return nil, err
			}
			dev, test := r.Split()
			for _, part := range []*cleaneval.Report{dev, test} {
				row := part.Set + " " + part.Part
				cells := reportCells(part)
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%s\t\n", mode, part.Set, part.Part, part.Pages, part.Errors, strings.Join(cells, "\t"))
				if mode == cleaneval.Production {
					for name, fig := range cleaneval.Figures {
						if has(part, name) {
							figures[row+" "+name] = fig(part)
						}
					}
				}
			}
			if mode == cleaneval.Production {
				pages += r.Pages
				took += r.Took
				if r.Slowest > slowest {
					slowest, slowestPage = r.Slowest, r.Set+"/"+r.SlowestPage
				}
				if *extractionWrong > 0 {
					printWrong(dev, *extractionWrong)
				}
			}
		}
	}
	w.Flush()
	if pages > 0 && took > 0 {
		// Speed is reported, never a floor: it follows the load of the
		// machine. The benchmarks (make bench) measure it.
		fmt.Printf("speed (not a floor): %d pages in %.2fs of cleaning on one goroutine = %.0f pages/s; slowest page %s (%s)\n",
			pages, took.Seconds(), float64(pages)/took.Seconds(), slowest.Round(time.Millisecond), slowestPage)
	}

	return append(missed, checkFloors(floors, figures, ci && *extractionSet == "")...), nil
}

// checkFloors compares the figures with their floors (or ceilings, for
// names ending in "(max)") and returns the misses. A floor without a figure
// is a set that was not measured: skipped quietly unless strict (under CI,
// when every set was asked for).
func checkFloors(floors, figures map[string]float64, strict bool) []string {
	var missed []string
	keys := make([]string, 0, len(floors))
	for k := range floors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		got, ok := figures[k]
		if !ok {
			if strict {
				missed = append(missed, fmt.Sprintf("extraction: %s was not measured (its set is absent or gave no pages)", k))
			}
			continue
		}
		floor := floors[k]
		if strings.HasSuffix(k, "(max)") {
			if got > floor {
				missed = append(missed, fmt.Sprintf("extraction: %s = %.0f, above the ceiling %.0f", k, got, floor))
			}
			continue
		}
		if got < floor {
			missed = append(missed, fmt.Sprintf("extraction: %s = %.3f, below the floor %.3f", k, got, floor))
		}
	}
	return missed
}

// has tells whether a part has ground truth for a figure.
func has(r *cleaneval.Report, figure string) bool {
	switch figure {
	case "body F1":
		_, _, _, ok := r.Body()
		return ok
	case "title":
		return r.TitlePages > 0
	case "date":
		return r.DatePages > 0
	}
	return false
}

// reportCells are the body, title and date cells of one row, with the
// bootstrap standard error of each figure.
func reportCells(r *cleaneval.Report) []string {
	cells := []string{"-", "-", "-", "-", "-", "-", "-", "-", "-"}
	if p, rc, f, ok := r.Body(); ok {
		cells[0], cells[1], cells[2] = fmt.Sprintf("%.3f", p), fmt.Sprintf("%.3f", rc), fmt.Sprintf("%.3f", f)
		cells[3] = fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["body F1"], bootstraps))
	}
	if r.TitlePages > 0 {
		cells[4] = fmt.Sprintf("%.3f", r.TitleAcc())
		cells[5] = fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["title"], bootstraps))
	}
	if r.DatePages > 0 {
		cells[6] = fmt.Sprintf("%.3f", r.DateAcc())
		cells[7] = fmt.Sprintf("%.3f", cleaneval.StdErr(r, cleaneval.Figures["date"], bootstraps))
		cells[8] = fmt.Sprintf("%.3f", r.DateCoverage())
	}
	return cells
}

// printWrong lists the worst pages of a set: lowest body F1, wrong titles
// and wrong dates, so that a person can look at them.
func printWrong(r *cleaneval.Report, n int) {
	out := os.Stderr
	list := append([]cleaneval.Outcome(nil), r.Outcomes...)
	if r.BodyPages > 0 {
		sort.Slice(list, func(i, j int) bool { return pf1(list[i]) < pf1(list[j]) })
		fmt.Fprintf(out, "== %s %s: worst bodies\n", r.Set, r.Part)
		for _, o := range list[:min(n, len(list))] {
			fmt.Fprintf(out, "  %.2f (P %.2f R %.2f) %s %v\n", pf1(o), o.P, o.R, o.Page.Name, o.Err)
		}
	}
	for _, o := range list {
		if o.Err != nil {
			fmt.Fprintf(out, "  error %s: %v\n", o.Page.Name, o.Err)
		}
	}
	c := 0
	for _, o := range list {
		if o.HasTitle && !o.TitleOK && c < n {
			got := ""
			if o.Doc != nil {
				got = o.Doc.Title
			}
			fmt.Fprintf(out, "  title %s\n    want %q\n    got  %q\n", o.Page.Name, o.Page.Title, got)
			c++
		}
	}
	c = 0
	for _, o := range list {
		if o.HasDate && !o.DateOK && c < n {
			got := ""
			if o.Doc != nil {
				got = o.Doc.PublishedDay()
			}
			fmt.Fprintf(out, "  date %s want %s got %q (%s)\n", o.Page.Name, o.Page.Date, got, o.Page.URL)
			c++
		}
	}
	if r.HasSnippets {
		c = 0
		for _, o := range list {
			if (o.WithMiss > 0 || o.WithoutHit > 0) && c < n {
				fmt.Fprintf(out, "  snippets %s: with missed %d, without found %d\n", o.Page.Name, o.WithMiss, o.WithoutHit)
				c++
			}
		}
	}
}

func pf1(o cleaneval.Outcome) float64 {
	if o.P+o.R == 0 {
		return 0
	}
	return 2 * o.P * o.R / (o.P + o.R)
}
