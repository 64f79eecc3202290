package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/policysearch/policysearch/indexer"
)

const indexSynopsis = `[--corpus DIR] [--index DIR] [--full] [--workers N] [--batch N] [--wait]

Builds a new generation of the index from every article under the corpus
folder and makes it live atomically; a running 'serve' picks it up by itself.
Incremental unless --full: files whose content did not change are not cleaned
again and removed files leave the index. A second build started while one runs
fails at once (or waits, with --wait). Exits 0 when the new index is live.`

func runIndex(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("index", indexSynopsis)
	var cfg indexer.BuildConfig
	fs.StringVar(&cfg.CorpusDir, "corpus", envOr("POLICYSEARCH_CORPUS", defaultCorpusDir), "folder of HTML articles (env POLICYSEARCH_CORPUS)")
	fs.StringVar(&cfg.IndexDir, "index", envOr("POLICYSEARCH_INDEX", defaultIndexDir), "index folder (env POLICYSEARCH_INDEX)")
	full, workers, batch, wait, timeout, err := buildFlags(fs)
	if err != nil {
		return err
	}
	fs.BoolVar(full, "full", *full, "rebuild from scratch instead of reusing unchanged documents (env POLICYSEARCH_FULL)")
	backend, err := addBackendFlags(fs, true)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "policysearch index: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	cfg.Full, cfg.Workers, cfg.BatchSize, cfg.Wait, cfg.FileTimeout = *full, *workers, *batch, *wait, *timeout
	if useOS, err := backend.openSearch(); err != nil || useOS {
		if err != nil {
			return err
		}
		return indexOpenSearch(ctx, log, backend, cfg)
	}
	p := newProgress(log, "indexing")
	cfg.Progress, cfg.Waiting = p.update, p.waiting
	log.Info("index build starting", "corpus", cfg.CorpusDir, "index", cfg.IndexDir, "full", cfg.Full)
	sum, err := indexer.Build(ctx, cfg)
	p.finish()
	return reportBuild(log, os.Stdout, sum, err)
}

// buildFlags declares the flags index and add share, with defaults from the
// environment. --full is returned for index to declare (add has none).
func buildFlags(fs interface {
	IntVar(*int, string, int, string)
	BoolVar(*bool, string, bool, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}) (full *bool, workers, batch *int, wait *bool, timeout *time.Duration, err error) {
	full, workers, batch, wait, timeout = new(bool), new(int), new(int), new(bool), new(time.Duration)
	if *full, err = boolFromEnv("POLICYSEARCH_FULL"); err != nil {
		return
	}
	if *workers, err = intFromEnv("POLICYSEARCH_WORKERS", 0); err != nil {
		return
	}
	if *batch, err = intFromEnv("POLICYSEARCH_BATCH", indexer.DefaultBatchSize); err != nil {
		return
	}
	if *wait, err = boolFromEnv("POLICYSEARCH_WAIT"); err != nil {
		return
	}
	if *timeout, err = time.ParseDuration(envOr("POLICYSEARCH_FILE_TIMEOUT", indexer.DefaultFileTimeout.String())); err != nil {
		err = fmt.Errorf("POLICYSEARCH_FILE_TIMEOUT: %w", err)
		return
	}
	fs.IntVar(workers, "workers", *workers, "files cleaned at once; 0 means one per CPU (env POLICYSEARCH_WORKERS)")
	fs.IntVar(batch, "batch", *batch, "documents per index batch (env POLICYSEARCH_BATCH)")
	fs.BoolVar(wait, "wait", *wait, "wait for a running build to end instead of failing (env POLICYSEARCH_WAIT)")
	fs.DurationVar(timeout, "file-timeout", *timeout, "skip a file whose cleaning takes longer (env POLICYSEARCH_FILE_TIMEOUT)")
	return
}

// progress shows a bar on a terminal and a log line every few seconds
// otherwise (a bar in a log file is noise).
type progress struct {
	log   *slog.Logger
	what  string
	bar   *progressbar.ProgressBar
	tty   bool
	last  time.Time
	shown indexer.Progress
}

func newProgress(log *slog.Logger, what string) *progress {
	return &progress{log: log, what: what, tty: term.IsTerminal(int(os.Stderr.Fd())), last: time.Now()}
}

func (p *progress) update(pr indexer.Progress) {
	p.shown = pr
	if p.tty {
		if p.bar == nil {
			p.bar = progressbar.NewOptions(pr.Total,
				progressbar.OptionSetWriter(os.Stderr),
				progressbar.OptionSetDescription(p.what),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("docs"),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = p.bar.Set(pr.Done)
		return
	}
	if time.Since(p.last) >= 3*time.Second {
		p.last = time.Now()
		p.logLine()
	}
}

func (p *progress) logLine() {
	pr := p.shown
	rate := 0.0
	if pr.Elapsed > 0 {
		rate = float64(pr.Done) / pr.Elapsed.Seconds()
	}
	p.log.Info(p.what, "done", pr.Done, "total", pr.Total, "indexed", pr.Indexed,
		"unchanged", pr.Unchanged, "skipped", pr.Skipped, "files_per_s", fmt.Sprintf("%.0f", rate))
}

func (p *progress) waiting(holder string) {
	p.log.Warn("another build is running; waiting for it to end", "lock", holder)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// reportBuild prints the summary for a person and logs the outcome.
func reportBuild(log *slog.Logger, w io.Writer, s *indexer.Summary, err error) error {
	if s != nil && (err == nil || s.Files > 0) {
		printSummary(w, s)
	}
	if err != nil {
		if errors.Is(err, indexer.ErrBuildRunning) {
			return fmt.Errorf("%w (or pass --wait)", err)
		}
		return err
	}
	for _, w := range s.Warnings {
		log.Warn("index live, but a step after the switch failed; the next build retries it", "error", w)
	}
	log.Info("index live", "generation", s.Generation, "switched", s.Switched, "docs", s.Docs,
		"indexed", s.Indexed, "unchanged", s.Unchanged, "removed", s.Removed, "skipped", len(s.Skipped),
		"took", s.Took.Round(time.Millisecond).String())
	return nil
}

// printSummary prints the build summary for a person. File names and
// reasons go through plain: a file name may hold escape sequences.
func printSummary(w io.Writer, s *indexer.Summary) {
	if s.Kind == "add" {
		fmt.Fprintf(w, "add of %d files\n", s.Files)
	} else {
		fmt.Fprintf(w, "%s build of %d files\n", s.Kind, s.Files)
	}
	if s.FullReason != "" {
		fmt.Fprintf(w, "  (rebuilt from scratch: %s)\n", plain(s.FullReason))
	}
	fmt.Fprintf(w, "  indexed    %d\n", s.Indexed)
	fmt.Fprintf(w, "  unchanged  %d\n", s.Unchanged)
	fmt.Fprintf(w, "  removed    %d\n", s.Removed)
	fmt.Fprintf(w, "  skipped    %d\n", len(s.Skipped))
	for _, g := range s.SkippedByReason() {
		fmt.Fprintf(w, "    %s (%d):\n", plain(g.Reason), len(g.Files))
		for _, f := range g.Files {
			detail := strings.TrimPrefix(strings.TrimPrefix(f.Reason, g.Reason), ": ")
			if detail != "" {
				detail = "  — " + detail
			}
			fmt.Fprintf(w, "      %s%s\n", plain(f.File), plain(detail))
		}
	}
	if len(s.Capped) > 0 {
		fmt.Fprintf(w, "  indexed from their first 8 MiB only (%d): %s\n", len(s.Capped), plain(strings.Join(s.Capped, ", ")))
	}
	switch {
	case s.Switched:
		fmt.Fprintf(w, "  live       %s (%d documents)\n", s.Generation, s.Docs)
	case s.Generation != "":
		fmt.Fprintf(w, "  live       %s (%d documents; nothing changed, kept)\n", s.Generation, s.Docs)
	}
	if len(s.Pruned) > 0 {
		fmt.Fprintf(w, "  pruned     %s\n", strings.Join(s.Pruned, ", "))
	}
	for _, warning := range s.Warnings {
		fmt.Fprintf(w, "  warning    %s\n", plain(warning))
	}
	fmt.Fprintf(w, "  took       %s (%.0f docs/s)\n", s.Took.Round(time.Millisecond), s.DocsPerSecond())
}
