package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
	"github.com/policysearch/policysearch/indexer/entities/entityeval"
)

// floorsEntities holds the strict figures the entity extractor must keep.
// Each floor sits below the measured value by at least its bootstrapped
// standard error (the ± column), so sampling noise alone does not fail
// `make eval` but a real regression does. Keys are "set part type
// measure", as the table prints them.
//
//go:embed floors_entities.json
var floorsEntities []byte

var entitiesFloors = flag.Bool("entities.floors", false, "print, for every strict figure, the floor it supports: the measured value less its bootstrapped SE, rounded down to 0.01")

func init() {
	evaluations = append(evaluations, evaluation{name: "entities", run: runEntities})
}

// errSetMissing: under CI=true every evaluation set must be present.
var errSetMissing = errors.New("evaluation set missing (CI=true)")

func runEntities(ctx context.Context, corpora string) ([]string, error) {
	var floors map[string]float64
	if err := json.Unmarshal(floorsEntities, &floors); err != nil {
		return nil, fmt.Errorf("read floors_entities.json: %w", err)
	}
	x := entities.Default()
	got := map[string]float64{}
	se := map[string]float64{}
	record := func(r entityeval.Row) {
		fmt.Println(r)
		base := r.Set + " " + r.Part + " " + r.Type + " "
		for i, m := range []struct {
			name string
			v    float64
		}{{"P", r.Strict.Precision()}, {"R", r.Strict.Recall()}, {"F1", r.Strict.F1()}} {
			got[base+m.name] = m.v
			se[base+m.name] = r.SE[i]
		}
	}
	fmt.Printf("entities (gazetteer: %d entries; strict = exact names or codes, the headline; ± = bootstrapped SE of strict F1)\n%s\n", x.Len(), entityeval.Header)

	var re3dRes *entityeval.Re3dResult
	re3d, err := entityeval.LoadRe3d(ctx, filepath.Join(corpora, "re3d"))
	switch {
	case errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") == "true":
		return nil, fmt.Errorf("re3d: %w: %v", errSetMissing, err)
	case errors.Is(err, fs.ErrNotExist):
		fmt.Printf("entities: re3d absent (%v), skipped\n", err)
	case err != nil:
		return nil, err
	default:
		r := entityeval.ScoreRe3d(x, re3d)
		re3dRes = &r
		for _, k := range entityeval.Re3dKinds {
			var docs []entityeval.Counts
			for _, d := range r.Docs {
				docs = append(docs, d.Strict[k])
			}
			record(entityeval.Row{Set: "re3d", Part: "dev", Type: string(k), Strict: *r.Strict[k], Lenient: r.Lenient[k], SE: entityeval.SEs(docs)})
		}
	}

	var devRes *entityeval.ReutersResult
	stories, err := entityeval.LoadReuters(ctx, filepath.Join(corpora, "reuters21578"))
	switch {
	case errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") == "true":
		return nil, fmt.Errorf("reuters21578: %w: %v", errSetMissing, err)
	case errors.Is(err, fs.ErrNotExist):
		fmt.Printf("entities: reuters21578 absent (%v), skipped\n", err)
	case err != nil:
		return nil, err
	default:
		for _, part := range []entityeval.Part{entityeval.Dev, entityeval.Test} {
			rr := entityeval.ScoreReuters(x, entityeval.SplitStories(stories, part))
			if part == entityeval.Dev {
				devRes = &rr
			}
			record(entityeval.Row{Set: "reuters", Part: string(part), Type: "org", Strict: rr.Orgs, SE: entityeval.SEs(rr.OrgDocs)})
			record(entityeval.Row{Set: "reuters", Part: string(part), Type: "place", Strict: rr.Places, SE: entityeval.SEs(rr.PlaceDocs)})
			fmt.Printf("  (reuters %s: %d stories with PLACES, %d with ORGS, story level)\n", part, rr.Stories, rr.OrgStories)
		}
	}
	fmt.Println("(re3d: 27 documents, all development, micro-averaged; reuters split by story: entityeval.StoryPart)")
	if os.Getenv("POLICYEVAL_VERBOSE") != "" {
		printErrors(re3dRes, devRes) // development parts only: the test part is not for tuning
	}

	if *entitiesFloors {
		names := make([]string, 0, len(got))
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Printf("floor %-24s %.2f   (measured %.3f ± %.3f)\n", n, math.Floor((got[n]-se[n])*100)/100, got[n], se[n])
		}
	}
	var missed []string
	for name, floor := range floors {
		v, ok := got[name]
		if !ok {
			continue // its set is absent, said above
		}
		if v < floor {
			missed = append(missed, fmt.Sprintf("entities %s = %.3f < %.3f", name, v, floor))
		}
		if floor > v-se[name] {
			fmt.Printf("note: floor %s = %.3f is within the sampling error of %.3f ± %.3f\n", name, floor, v, se[name])
		}
	}
	sort.Strings(missed) // map order would shuffle the report from run to run
	return missed, nil
}

func printErrors(r *entityeval.Re3dResult, rr *entityeval.ReutersResult) {
	if r != nil {
		for _, k := range []corpus.EntityKind{corpus.Organization, corpus.Place, corpus.Person} {
			fmt.Printf("re3d %s missed: %q\n", k, r.Missed[k])
			fmt.Printf("re3d %s spurious: %q\n", k, r.Spurious[k])
		}
	}
	if rr != nil {
		fmt.Printf("reuters dev place missed: %v\nreuters dev place spurious: %v\n", rr.PlaceMissed, rr.PlaceSpurious)
		fmt.Printf("reuters dev org missed: %v\nreuters dev org spurious: %v\n", rr.OrgMissed, rr.OrgSpurious)
	}
}
