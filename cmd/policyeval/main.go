// Command policyeval measures the cleaner and the entity extractor on the
// third-party corpora with ground truth in ../shared/corpora (or the folder
// named by POLICYSEARCH_CORPORA). It prints one table per measure and exits
// non-zero when a figure falls below the floor kept in the repo.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
)

// evaluation measures one capability; it returns the names of the floors
// that were missed.
type evaluation struct {
	name string
	run  func(ctx context.Context, corpora string) (missed []string, err error)
}

var evaluations []evaluation // filled by the init functions of this package's files

func main() {
	only := flag.String("only", "", "run only this evaluation (extraction or entities)")
	corpora := flag.String("corpora", envOr("POLICYSEARCH_CORPORA", filepath.Join("..", "shared", "corpora")), "folder of the evaluation corpora (env POLICYSEARCH_CORPORA)")
	flag.Parse()

	if _, err := os.Stat(*corpora); err != nil {
		if underCI() {
			fmt.Fprintf(os.Stderr, "policyeval: CI is set but there are no evaluation corpora at %s (%v); set POLICYSEARCH_CORPORA\n", *corpora, err)
			os.Exit(1)
		}
		fmt.Printf("policyeval: no evaluation corpora at %s (%v); nothing to measure\n", *corpora, err)
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var missed []string
	for _, e := range evaluations {
		if *only != "" && *only != e.name {
			continue
		}
		m, err := e.run(ctx, *corpora)
		if err != nil {
			fmt.Fprintf(os.Stderr, "policyeval %s: %v\n", e.name, err)
			os.Exit(1)
		}
		missed = append(missed, m...)
	}
	if len(missed) > 0 {
		fmt.Fprintln(os.Stderr, "policyeval: below the floor:")
		for _, m := range missed {
			fmt.Fprintln(os.Stderr, "  "+m)
		}
		os.Exit(1)
	}
}

// underCI reports whether CI is set (CI=true, as CI services set it). Under
// CI, what is quietly skipped on a developer's machine (a corpus not there,
// a set not measured) is a failure: a green CI run must have measured.
func underCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
