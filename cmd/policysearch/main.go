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
	"strings"
	"syscall"

	"golang.org/x/term"
)

const usageHead = `policysearch — a search engine for policy news

Usage: policysearch COMMAND [flags] [arguments]

Commands:
`

const usageTail = `
Run 'policysearch COMMAND --help' for a command's flags and the environment
variables that set them.
`

// command is one sub-command: what it does, in a line, and its function.
type command struct {
	name, does string
	run        func(ctx context.Context, log *slog.Logger, args []string) error
}

var commands = []command{
	{"index", "build or update the index of a folder of articles", runIndex},
	{"add", "index a few new pages now, without a full build", runAdd},
	{"serve", "serve the search page and the JSON API (builds the index first if there is none)", runServe},
	{"search", "search the index from the terminal, or print JSON", runSearch},
	{"extract", "print the cleaned document of HTML pages", runExtract},
}

func usage() string {
	var b strings.Builder
	b.WriteString(usageHead)
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.does)
	}
	b.WriteString(usageTail)
	return b.String()
}

func main() {
	os.Exit(run(os.Args[1:]))
}

// run runs the command line args and returns the exit code: 0 done (or
// help asked for), 1 failed, 2 used wrongly.
func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			// "policysearch help search" is "policysearch search --help".
			return run([]string{args[1], "--help"})
		}
		fmt.Fprint(stdout, usage())
		return 0
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "policysearch: unknown command %q\nRun 'policysearch --help' for the commands.\n", args[0])
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := newLogger(os.Stderr)
	if err := cmd.run(ctx, log, args[1:]); err != nil {
		switch {
		case errors.Is(err, errHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(stderr, "policysearch %s: %v\n", cmd.name, err)
		return 1
	}
	return 0
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
