// Command policysearch builds and serves a search engine over a folder of
// policy-news HTML pages. Each sub-command parses its flags into a config and
// calls one function in the packages that do the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

const usage = `policysearch — a search engine for policy news

Usage:
  policysearch index   [--corpus DIR] [--index DIR] [--full]
  policysearch add     [--index DIR] FILE…
  policysearch serve   [--index DIR] [--corpus DIR] [--addr HOST:PORT]
  policysearch search  [--index DIR] [--org NAME]… [--place NAME]… [--from DATE] [--to DATE]
                       [--sort relevance|newest|oldest] [--json] QUERY
  policysearch extract [--json] FILE…

Run 'policysearch COMMAND --help' for a command's flags and the environment
variables that set them.
`

var commands = map[string]func(ctx context.Context, log *slog.Logger, args []string) error{
	"index":   runIndex,
	"add":     runAdd,
	"serve":   runServe,
	"search":  runSearch,
	"extract": runExtract,
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		fmt.Fprint(os.Stderr, usage)
		if len(os.Args) < 2 {
			os.Exit(2)
		}
		return
	}
	run, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "policysearch: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := newLogger(os.Stderr)
	if err := run(ctx, log, os.Args[2:]); err != nil {
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "policysearch %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// newLogger writes text for a person at a terminal and JSON for machines.
func newLogger(w *os.File) *slog.Logger {
	level := slog.LevelInfo
	if os.Getenv("POLICYSEARCH_DEBUG") != "" {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if term.IsTerminal(int(w.Fd())) {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(io.Writer(w), opts))
}
