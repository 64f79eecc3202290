package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/policysearch/policysearch/indexer"
)

const addSynopsis = `[--index DIR] [--corpus DIR] [--wait] FILE…

Cleans and indexes the given pages into a new generation copied from the live
one, verifies it and makes it live, like 'index' but without walking the
corpus. A file under the corpus folder gets the id a build gives it, so the
next 'index' finds it unchanged; a file elsewhere is indexed under its
absolute path and dropped by the next 'index' (copy it into the corpus to keep it).`

func runAdd(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("add", addSynopsis)
	var cfg indexer.AddConfig
	fs.StringVar(&cfg.IndexDir, "index", envOr("POLICYSEARCH_INDEX", defaultIndexDir), "index folder (env POLICYSEARCH_INDEX)")
	fs.StringVar(&cfg.CorpusDir, "corpus", envOr("POLICYSEARCH_CORPUS", ""), "corpus folder the files belong to; default: the one the live index was built from (env POLICYSEARCH_CORPUS)")
	_, workers, batch, wait, timeout, err := buildFlags(fs)
	if err != nil {
		return err
	}
	backend, err := addBackendFlags(fs, false)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(fs.Output(), "policysearch add: no FILE given")
		fs.Usage()
		return errUsage
	}
	cfg.Files = fs.Args()
	if useOS, err := backend.openSearch(); err != nil || useOS {
		if err != nil {
			return err
		}
		return addOpenSearch(ctx, log, backend, cfg.Files)
	}
	cfg.Workers, cfg.BatchSize, cfg.Wait, cfg.FileTimeout = *workers, *batch, *wait, *timeout
	p := newProgress(log, "adding")
	cfg.Progress, cfg.Waiting = p.update, p.waiting
	sum, err := indexer.Add(ctx, cfg)
	p.finish()
	return reportBuild(log, os.Stdout, sum, err)
}
