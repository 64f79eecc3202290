package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/web"
)

const serveSynopsis = `[--index DIR] [--corpus DIR] [--addr HOST:PORT]

Serves the search page, the JSON API, exports, feeds and /metrics. When the
index folder has no index yet, builds one from the corpus first (the server
answers 503 "not ready yet" meanwhile). Picks up a newly built index by itself,
without a restart. Stops gracefully on Ctrl-C or SIGTERM.`

// serveConfig is what `policysearch serve` needs.
type serveConfig struct {
	IndexDir  string
	CorpusDir string
	Addr      string
	// Poll is how often the live generation pointer is checked.
	Poll time.Duration
	// ShutdownTimeout bounds how long in-flight requests may take to finish.
	ShutdownTimeout time.Duration
	// Listener, when set, is used instead of listening on Addr (tests).
	Listener net.Listener
}

func runServe(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("serve", serveSynopsis)
	cfg := serveConfig{Poll: 2 * time.Second, ShutdownTimeout: 10 * time.Second}
	fs.StringVar(&cfg.IndexDir, "index", envOr("POLICYSEARCH_INDEX", defaultIndexDir), "index folder (env POLICYSEARCH_INDEX)")
	fs.StringVar(&cfg.CorpusDir, "corpus", envOr("POLICYSEARCH_CORPUS", defaultCorpusDir), "folder of HTML articles, indexed when there is no index yet (env POLICYSEARCH_CORPUS)")
	fs.StringVar(&cfg.Addr, "addr", envOr("POLICYSEARCH_ADDR", defaultAddr), "address to listen on (env POLICYSEARCH_ADDR)")
	backend, err := addBackendFlags(fs, false)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "policysearch serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if useOS, err := backend.openSearch(); err != nil || useOS {
		if err != nil {
			return err
		}
		return serveOpenSearch(ctx, log, backend, cfg)
	}
	return serve(ctx, log, cfg)
}

// serve runs the web server until ctx is cancelled, then shuts it down
// gracefully: no new connections, in-flight requests get ShutdownTimeout to
// finish, then the index is closed.
func serve(ctx context.Context, log *slog.Logger, cfg serveConfig) error {
	// Listen before anything slow, so that a busy port fails at once.
	ln := cfg.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", cfg.Addr); err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
	}

	live := search.NewLive(ctx, cfg.IndexDir, search.Generations{Released: pruneReleased(log)}, cfg.Poll, log)
	defer func() {
		if err := live.Close(); err != nil {
			log.Error("close index", "err", err)
		}
	}()

	handler := web.New(live, web.Options{Logger: log, Status: statusHook(log, cfg.IndexDir, live)})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("serving", "url", "http://"+ln.Addr().String(), "index", cfg.IndexDir)

	var builds sync.WaitGroup
	if !indexer.Exists(cfg.IndexDir) {
		builds.Add(1)
		go func() {
			defer builds.Done()
			buildFirst(ctx, log, cfg, live)
		}()
	}

	select {
	case err := <-served:
		builds.Wait()
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	// A build interrupted by the signal leaves no half generation behind;
	// wait for it to clean up before closing the index.
	builds.Wait()
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	log.Info("stopped")
	return nil
}

// buildFirst builds the index when serve starts without one, then makes the
// server use it at once instead of at the next poll.
func buildFirst(ctx context.Context, log *slog.Logger, cfg serveConfig, live *search.Live) {
	log.Info("no index yet; building it", "corpus", cfg.CorpusDir, "index", cfg.IndexDir)
	p := newProgress(log, "indexing")
	sum, err := indexer.Build(ctx, indexer.BuildConfig{
		CorpusDir: cfg.CorpusDir,
		IndexDir:  cfg.IndexDir,
		Progress:  p.update,
		Waiting:   p.waiting,
		// Another build already running will make an index too; wait for it
		// rather than fail, then this one finds nothing left to do.
		Wait: true,
	})
	p.finish()
	if err != nil {
		if ctx.Err() != nil {
			log.Info("first build interrupted", "err", err)
			return
		}
		log.Error("first build failed; serving 503 until an index is built with 'policysearch index'", "err", err)
		return
	}
	log.Info("first build done", "indexed", sum.Indexed, "skipped", len(sum.Skipped), "took", sum.Took.Round(time.Millisecond))
	if err := live.Reload(ctx); err != nil {
		log.Error("open the new index", "err", err)
	}
}

// statusHook reports on the live index for /healthz and /metrics. It reads
// the manifest and build record (a few small files) at most once a second,
// because one Prometheus scrape asks for several gauges.
func statusHook(log *slog.Logger, dir string, live *search.Live) func() web.IndexStatus {
	var (
		mu      sync.Mutex
		cached  web.IndexStatus
		fetched time.Time
	)
	return func() web.IndexStatus {
		mu.Lock()
		defer mu.Unlock()
		gen := live.Generation()
		if time.Since(fetched) < time.Second && cached.Generation == gen {
			return cached
		}
		st := web.IndexStatus{Live: gen != "", Generation: gen, Docs: live.DocCount()}
		ds, err := indexer.ReadStatus(dir)
		if err != nil {
			log.Warn("read index status", "dir", dir, "err", err)
		} else {
			if ds.Live == gen {
				st.Built = ds.Created
			}
			if ds.LastBuild != nil {
				st.LastBuildOK = ds.LastBuild.OK
				st.LastBuild = ds.LastBuild.Finished
			}
		}
		cached, fetched = st, time.Now()
		return st
	}
}

// pruneReleased deletes old generations once the server has let go of them,
// instead of leaving them on disk until the next build.
func pruneReleased(log *slog.Logger) func(dir, generation string) {
	return func(dir, generation string) {
		pruned, err := indexer.PruneUnused(dir)
		if err != nil {
			log.Warn("prune old generations", "dir", dir, "released", generation, "err", err)
			return
		}
		if len(pruned) > 0 {
			log.Info("pruned old generations", "released", generation, "pruned", pruned)
		}
	}
}
