package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
	"github.com/policysearch/policysearch/indexer/entities/entityeval"
)

// entityFloors are the figures the entity extractor must keep; they are the
// measured values rounded down, so a regression fails `make eval`.
var entityFloors = map[string]float64{
	"re3d org P":      0.83,
	"re3d org F1":     0.75,
	"re3d place F1":   0.83,
	"re3d person F1":  0.87,
	"reuters org F1":  0.90,
	"reuters place P": 0.87,
	"reuters place R": 0.93,
}

func init() {
	evaluations = append(evaluations, evaluation{name: "entities", run: runEntities})
}

func runEntities(ctx context.Context, corpora string) ([]string, error) {
	x := entities.Default()
	got := map[string]float64{}
	fmt.Printf("entities (gazetteer: %d entries)\n%s\n", x.Len(), entityeval.Header)

	re3d, err := entityeval.LoadRe3d(ctx, filepath.Join(corpora, "re3d"))
	if err != nil {
		return nil, err
	}
	r := entityeval.ScoreRe3d(x, re3d)
	for _, k := range []corpus.EntityKind{corpus.Organization, corpus.Place, corpus.Person} {
		row := entityeval.Row{Set: "re3d", Type: string(k), Counts: *r.Lenient[k], Strict: r.Strict[k]}
		fmt.Println(row)
		got["re3d "+string(k)+" P"] = row.Counts.Precision()
		got["re3d "+string(k)+" R"] = row.Counts.Recall()
		got["re3d "+string(k)+" F1"] = row.Counts.F1()
	}

	stories, err := entityeval.LoadReuters(ctx, filepath.Join(corpora, "reuters21578"))
	if err != nil {
		return nil, err
	}
	rr := entityeval.ScoreReuters(x, stories)
	for _, row := range []entityeval.Row{{Set: "reuters", Type: "org", Counts: rr.Orgs}, {Set: "reuters", Type: "place", Counts: rr.Places}} {
		fmt.Println(row)
		got["reuters "+row.Type+" P"] = row.Counts.Precision()
		got["reuters "+row.Type+" R"] = row.Counts.Recall()
		got["reuters "+row.Type+" F1"] = row.Counts.F1()
	}
	fmt.Printf("(re3d: %d documents, micro-averaged, lenient name match; reuters: %d stories with PLACES, %d with ORGS, story level)\n", len(re3d), rr.Stories, rr.OrgStories)
	if os.Getenv("POLICYEVAL_VERBOSE") != "" {
		printErrors(r, rr)
	}
	var missed []string
	for name, floor := range entityFloors {
		if got[name] < floor {
			missed = append(missed, fmt.Sprintf("entities %s = %.3f < %.3f", name, got[name], floor))
		}
	}
	sort.Strings(missed) // map order would shuffle the report from run to run
	return missed, nil
}

func printErrors(r entityeval.Re3dResult, rr entityeval.ReutersResult) {
	for _, k := range []corpus.EntityKind{corpus.Organization, corpus.Place, corpus.Person} {
		fmt.Printf("re3d %s missed: %q\n", k, r.Missed[k])
		fmt.Printf("re3d %s spurious: %q\n", k, r.Spurious[k])
	}
	fmt.Printf("reuters place missed: %v\nreuters place spurious: %v\n", rr.PlaceMissed, rr.PlaceSpurious)
	fmt.Printf("reuters org missed: %v\nreuters org spurious: %v\n", rr.OrgMissed, rr.OrgSpurious)
}
