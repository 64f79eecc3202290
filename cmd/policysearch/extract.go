package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

func runExtract(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("extract", "[--json] [--explain] FILE…")
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	explain := fs.Bool("explain", false, "also print how the publication date was decided: candidates, sources, weights and why one won")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	if *explain {
		return explainFiles(ctx, os.Stdout, os.Stderr, fs.Args(), *asJSON)
	}
	return extractFiles(ctx, os.Stdout, os.Stderr, fs.Args(), *asJSON)
}

// extractFiles prints the cleaned document of each file to stdout. A file
// that cannot be read or cleaned is reported on stderr and the others go
// on; the error at the end says how many failed.
func extractFiles(ctx context.Context, stdout, stderr io.Writer, paths []string, asJSON bool) error {
	failed := 0
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := indexer.Prepare(ctx, path, path)
		if err != nil {
			fmt.Fprintf(stderr, "policysearch extract: %s\n", plain(err.Error()))
			failed++
			continue
		}
		if asJSON {
			err = writeExtractedJSON(stdout, doc)
		} else {
			err = writeExtractedText(stdout, doc)
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

// toExtracted is the document's one JSON shape (corpus.DocumentJSON)
// without the id, which DESIGN.md's extract contract leaves out.
func toExtracted(doc *corpus.Document) corpus.DocumentJSON {
	out := doc.JSON()
	out.ID = ""
	return out
}

func writeExtractedJSON(w io.Writer, doc *corpus.Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(toExtracted(doc))
}

// writeExtractedText prints a document for a person: the fields, the
// entities, then the body. Everything from the page goes through plain or
// plainLines, so that a page cannot send escape sequences to the terminal.
func writeExtractedText(w io.Writer, doc *corpus.Document) error {
	e := toExtracted(doc)
	var b strings.Builder
	fmt.Fprintf(&b, "file:      %s\n", plain(e.File))
	fmt.Fprintf(&b, "url:       %s\n", plain(e.URL))
	fmt.Fprintf(&b, "title:     %s\n", plain(e.Title))
	fmt.Fprintf(&b, "published: %s\n", plain(e.Published))
	fmt.Fprintf(&b, "source:    %s\n", plain(e.Source))
	fmt.Fprintf(&b, "lang:      %s\n", plain(e.Lang))
	fmt.Fprintf(&b, "orgs:      %s\n", plain(strings.Join(e.Organizations, "; ")))
	fmt.Fprintf(&b, "places:    %s\n", plain(strings.Join(e.Places, "; ")))
	fmt.Fprintf(&b, "people:    %s\n", plain(strings.Join(e.People, "; ")))
	for _, ent := range e.Entities {
		fmt.Fprintf(&b, "  %-6s %s  (%s)\n", plain(string(ent.Type)), plain(ent.Name), plain(strings.Join(ent.Mentions, ", ")))
	}
	b.WriteString("\n")
	b.WriteString(plainLines(e.Body))
	b.WriteString("\n\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// plainLines is plain for text in paragraphs: it keeps the line breaks.
func plainLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = plain(l)
	}
	return strings.Join(lines, "\n")
}
