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
	extractionWrong = flag.Int("extraction.wrong", 0, "also list the N worst pages of each set on stderr (body, title and date misses)")
	extractionSet   = flag.String("extraction.set", "", "measure only this set (aeb, l3s-gn1, trafilatura-eval, htmldate-eval)")
)

func init() {
	evaluations = append(evaluations, evaluation{name: "extraction", run: runExtraction})
}

func runExtraction(ctx context.Context, corpora string) ([]string, error) {
	var floors map[string]float64
	if err := json.Unmarshal(floorsExtraction, &floors); err != nil {
		return nil, fmt.Errorf("read floors_extraction.json: %w", err)
	}
	var reports []*cleaneval.Report
	for _, set := range cleaneval.Sets {
		if *extractionSet != "" && set != *extractionSet {
			continue
		}
		pages, err := cleaneval.Load(corpora, set)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && !underCI() {
				fmt.Printf("extraction: %s absent, skipped\n", set)
				continue
			}
			return nil, err
		}
		r, err := cleaneval.Run(ctx, set, pages)
		if err != nil {
			return nil, err
		}
		reports = append(reports, r)
		if *extractionWrong > 0 {
			printWrong(r, *extractionWrong)
		}
	}

	figures := map[string]float64{}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Println("extraction (cleaner vs ground truth; body = 4-token shingles, mean per-page P and R, F1 of the means; trafilatura-eval body = with/without snippets)")
	fmt.Fprintln(w, "set\tpages\terrors\tbody P\tbody R\tbody F1\ttitle\tdate\tdate cover\t")
	var pages int
	var took, slowest time.Duration
	var slowestPage string
	for _, r := range reports {
		p, rc, f := r.P, r.R, r.F1
		if r.HasSnippets {
			p, rc, f = r.SnipP, r.SnipR, r.SnipF1
		}
		body := [3]string{"-", "-", "-"}
		if r.BodyPages > 0 || r.HasSnippets {
			body = [3]string{fmt.Sprintf("%.3f", p), fmt.Sprintf("%.3f", rc), fmt.Sprintf("%.3f", f)}
			figures[r.Set+" body F1"] = f
		}
		title := "-"
		if r.TitlePages > 0 {
			title = fmt.Sprintf("%.3f", r.TitleAcc())
			figures[r.Set+" title"] = r.TitleAcc()
		}
		date, cover := "-", "-"
		if r.DatePages > 0 {
			date = fmt.Sprintf("%.3f", r.DateAcc())
			cover = fmt.Sprintf("%.3f", r.DateCoverage())
			figures[r.Set+" date"] = r.DateAcc()
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Set, r.Pages, r.Errors, body[0], body[1], body[2], title, date, cover)
		pages += r.Pages
		took += r.Took
		if r.Slowest > slowest {
			slowest, slowestPage = r.Slowest, r.Set+"/"+r.SlowestPage
		}
	}
	w.Flush()
	if pages > 0 && took > 0 {
		rate := float64(pages) / took.Seconds()
		figures["pages per second"] = rate
		figures["slowest page ms (max)"] = float64(slowest.Milliseconds())
		fmt.Printf("speed: %d pages in %.2fs of cleaning on one goroutine = %.0f pages/s; slowest page %s (%s)\n",
			pages, took.Seconds(), rate, slowest.Round(time.Millisecond), slowestPage)
	}

	return checkFloors(floors, figures, *extractionSet == "" && underCI()), nil
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

// printWrong lists the worst pages of a set: lowest body F1, wrong titles
// and wrong dates, so that a person can look at them.
func printWrong(r *cleaneval.Report, n int) {
	out := os.Stderr
	list := append([]cleaneval.Outcome(nil), r.Outcomes...)
	if r.BodyPages > 0 {
		sort.Slice(list, func(i, j int) bool { return pf1(list[i]) < pf1(list[j]) })
		fmt.Fprintf(out, "== %s: worst bodies\n", r.Set)
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
