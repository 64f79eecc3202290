package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/clean"
)

// explainFiles is `policysearch extract --explain`: each file's document as
// extract prints it, then how its publication day was decided (every
// candidate, its source, element and weight, and why the winner won). With
// --json the explanation is a second JSON line, {"file", "date"}.
func explainFiles(ctx context.Context, stdout, stderr io.Writer, paths []string, asJSON bool) error {
	failed := 0
	for _, path := range paths {
		if err := extractFiles(ctx, stdout, stderr, []string{path}, asJSON); err != nil {
			if ctx.Err() != nil {
				return err
			}
			failed++
			continue
		}
		raw, err := corpus.ReadFile(path)
		if err != nil && raw == nil {
			fmt.Fprintf(stderr, "policysearch extract: %v\n", err)
			failed++
			continue
		}
		ex, err := clean.ExplainDate(ctx, raw, clean.Options{Path: path})
		if err != nil {
			fmt.Fprintf(stderr, "policysearch extract: explain %s: %v\n", path, err)
			failed++
			continue
		}
		if asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			err = enc.Encode(struct {
				File string                `json:"file"`
				Date clean.DateExplanation `json:"date"`
			}{path, ex})
		} else {
			err = writeDateExplanation(stdout, ex)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files failed", failed, len(paths))
	}
	return nil
}

// writeDateExplanation prints the candidates as a table for a person.
func writeDateExplanation(w io.Writer, ex clean.DateExplanation) error {
	var b strings.Builder
	day := ex.Day
	if day == "" {
		day = "(none)"
	}
	fmt.Fprintf(&b, "date:      %s — %s\n", day, oneLine(ex.Why))
	for _, c := range ex.Candidates {
		counted := "counted"
		if c.SameAs != "" {
			counted = "same element as " + c.SameAs
		}
		fmt.Fprintf(&b, "  %s  %-4.1f %-36s %s\n", c.Day, c.Weight, oneLine(c.Source), counted)
		if c.Element != "" || c.Text != "" {
			fmt.Fprintf(&b, "              %s %q\n", oneLine(c.Element), oneLine(c.Text))
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps what a page wrote on one line of the terminal: control
// characters (escape sequences included) become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
}
