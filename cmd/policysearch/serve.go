package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/web"
)

const serveSynopsis = `[--index DIR] [--corpus DIR] [--addr HOST:PORT] [--public-url URL] [--allowed-host NAME]…
       [--trusted-proxy ADDR]… [--search-timeout D] [--max-searches N]

Serves the search page, the JSON API, exports, feeds and /metrics. When the
index folder has no index yet, builds one from the corpus first (the server
answers 503 "not ready yet" meanwhile). Picks up a newly built index by itself,
without a restart. Stops gracefully on Ctrl-C or SIGTERM.

It answers only to the host names it is configured for (the listen address,
localhost, 127.0.0.1 and ::1, plus --allowed-host and the host of --public-url),
so that a web page elsewhere cannot reach it through DNS rebinding.`

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
	// SearchTimeout, MaxSearches, SearchQueue, QueueWait, AllowedHosts,
	// PublicURL and TrustedProxies become web.Options (see there).
	SearchTimeout  time.Duration
	MaxSearches    int
	SearchQueue    int // as web.Options.MaxQueued: 0 the default, negative none
	QueueWait      time.Duration
	AllowedHosts   []string
	PublicURL      string
	TrustedProxies []string
}

func runServe(ctx context.Context, log *slog.Logger, args []string) error {
	fs := newFlagSet("serve", serveSynopsis)
	cfg := serveConfig{Poll: 2 * time.Second, ShutdownTimeout: 10 * time.Second}
	fs.StringVar(&cfg.IndexDir, "index", envOr("POLICYSEARCH_INDEX", defaultIndexDir), "index folder (env POLICYSEARCH_INDEX)")
	fs.StringVar(&cfg.CorpusDir, "corpus", envOr("POLICYSEARCH_CORPUS", defaultCorpusDir), "folder of HTML articles, indexed when there is no index yet (env POLICYSEARCH_CORPUS)")
	fs.StringVar(&cfg.Addr, "addr", envOr("POLICYSEARCH_ADDR", defaultAddr), "address to listen on (env POLICYSEARCH_ADDR)")
	var err error
	if cfg.SearchTimeout, err = durationFromEnv("POLICYSEARCH_SEARCH_TIMEOUT", web.DefaultSearchTimeout); err != nil {
		return err
	}
	fs.DurationVar(&cfg.SearchTimeout, "search-timeout", cfg.SearchTimeout, "longest a request may search before it is stopped with 503; 0 for no limit (env POLICYSEARCH_SEARCH_TIMEOUT)")
	if cfg.MaxSearches, err = intFromEnv("POLICYSEARCH_MAX_SEARCHES", web.DefaultMaxSearches()); err != nil {
		return err
	}
	fs.IntVar(&cfg.MaxSearches, "max-searches", cfg.MaxSearches, "requests searching at once, 4 per core by default; more wait in the search queue (env POLICYSEARCH_MAX_SEARCHES)")
	queue, err := intFromEnv("POLICYSEARCH_SEARCH_QUEUE", -1)
	if err != nil {
		return err
	}
	fs.IntVar(&queue, "search-queue", queue, "requests that may wait for a search slot, twice --max-searches by default; beyond them a request is answered 503 with Retry-After at once; 0 for no queue (env POLICYSEARCH_SEARCH_QUEUE)")
	if cfg.QueueWait, err = durationFromEnv("POLICYSEARCH_QUEUE_WAIT", web.DefaultQueueWait); err != nil {
		return err
	}
	fs.DurationVar(&cfg.QueueWait, "queue-wait", cfg.QueueWait, "longest a request waits in the search queue before it is answered 503 with Retry-After (env POLICYSEARCH_QUEUE_WAIT)")
	hosts := stringList(splitList(envOr("POLICYSEARCH_ALLOWED_HOSTS", "")))
	fs.Var(&hosts, "allowed-host", "another host name the server answers to (the names in the browser's address bar); repeat for more (env POLICYSEARCH_ALLOWED_HOSTS, comma-separated)")
	fs.StringVar(&cfg.PublicURL, "public-url", envOr("POLICYSEARCH_PUBLIC_URL", ""), "the address users reach the server at, like https://search.example, for the links in feeds, exports and OpenSearch (default http:// and --addr) (env POLICYSEARCH_PUBLIC_URL)")
	proxies := stringList(splitList(envOr("POLICYSEARCH_TRUSTED_PROXIES", "")))
	fs.Var(&proxies, "trusted-proxy", "`address` or CIDR range of a reverse proxy whose X-Forwarded-For names the client; repeat for more; none by default (env POLICYSEARCH_TRUSTED_PROXIES, comma-separated)")
	backend, err := addBackendFlags(fs, false)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg.AllowedHosts, cfg.TrustedProxies = hosts, proxies
	cfg.SearchQueue = webQueue(queue)
	if cfg.SearchTimeout == 0 {
		cfg.SearchTimeout = -1 // web.Options: negative is no limit
	}
	if cfg.MaxSearches < 1 {
		fmt.Fprintf(fs.Output(), "policysearch serve: --max-searches %d: want 1 or more\n", cfg.MaxSearches)
		return errUsage
	}
	if cfg.QueueWait <= 0 {
		fmt.Fprintf(fs.Output(), "policysearch serve: --queue-wait %v: want a positive duration (--search-queue 0 turns the queue off)\n", cfg.QueueWait)
		return errUsage
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
	opts, ln, err := listen(log, cfg)
	if err != nil {
		return err
	}
	var buildErr atomic.Pointer[string] // why the first build failed, for pages and API errors
	live := blevesearch.NewLive(ctx, cfg.IndexDir, blevesearch.Generations{Released: pruneReleased(log)}, cfg.Poll, log)
	defer func() {
		if err := live.Close(); err != nil {
			log.Error("close index", "err", err)
		}
	}()

	opts.Status = statusHook(log, cfg.IndexDir, live, &buildErr)
	srv := httpServer(ctx, log, web.New(live, opts))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	serveURL := "http://" + ln.Addr().String()
	exists := indexer.Exists(cfg.IndexDir)
	if plainTerminal() {
		// A person at a terminal reads one plain line, not a log record.
		what := fmt.Sprintf("%d documents", live.DocCount())
		if !exists {
			what = "no index yet; building it from " + cfg.CorpusDir
		}
		fmt.Fprintf(stderr, "serving %s (%s)\n", serveURL, what)
	} else {
		log.Info("serving", "url", serveURL, "index", cfg.IndexDir, "docs", live.DocCount())
	}

	var builds sync.WaitGroup
	if !exists {
		builds.Add(1)
		go func() {
			defer builds.Done()
			if err := buildFirst(ctx, log, cfg, live); err != nil {
				why := err.Error()
				buildErr.Store(&why)
			}
		}()
	}

	select {
	case err := <-served:
		builds.Wait()
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	// A build interrupted by the signal leaves no half generation behind;
	// wait for it to clean up before the index is closed.
	return shutDown(log, srv, ln, served, cfg.ShutdownTimeout, builds.Wait)
}

// webQueue turns --search-queue (-1 the default, 0 no queue) into
// web.Options.MaxQueued (0 the default, negative no queue).
func webQueue(flag int) int {
	switch {
	case flag < 0:
		return 0
	case flag == 0:
		return -1
	}
	return flag
}

// listen checks the web options of cfg and listens on its address before
// anything slow, so that a busy port fails at once; the options come back
// with the host names and link base of the address listened on.
func listen(log *slog.Logger, cfg serveConfig) (web.Options, net.Listener, error) {
	opts := web.Options{
		Logger:         log,
		SearchTimeout:  cfg.SearchTimeout,
		MaxSearches:    cfg.MaxSearches,
		MaxQueued:      cfg.SearchQueue,
		QueueWait:      cfg.QueueWait,
		BaseURL:        cfg.PublicURL,
		TrustedProxies: cfg.TrustedProxies,
		// The operator's names, checked here; the full list (with the
		// listen address and loopback names) is set once listening.
		Hosts: cfg.AllowedHosts,
	}
	if err := opts.Check(); err != nil {
		return opts, nil, err
	}
	ln := cfg.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", cfg.Addr); err != nil {
			if errors.Is(err, syscall.EADDRINUSE) {
				return opts, nil, fmt.Errorf("listen on %s: the port is taken (another policysearch serve?); choose another with --addr HOST:PORT or POLICYSEARCH_ADDR, e.g. --addr localhost:8081: %w", cfg.Addr, err)
			}
			return opts, nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
	}
	opts.Hosts, opts.BaseURL = servedHosts(cfg.Addr, ln.Addr(), cfg.AllowedHosts, cfg.PublicURL)
	return opts, ln, nil
}

// httpServer is the server both backends serve with: bounded headers and
// timeouts, and requests that outlive a cancelled ctx only as long as
// shutting down allows.
func httpServer(ctx context.Context, log *slog.Logger, h http.Handler) *http.Server {
	return &http.Server{
		Handler: h,
		// The longest query string the server accepts is 16 KiB; a bigger
		// header is refused (431) before it is read into memory.
		MaxHeaderBytes:    64 << 10,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// shutDown stops srv gracefully (in-flight requests get timeout to finish),
// runs wait (work that must end before the backend is closed), and reports
// how serving ended.
func shutDown(log *slog.Logger, srv *http.Server, ln net.Listener, served <-chan error, timeout time.Duration, wait func()) error {
	log.Info("shutting down", "timeout", timeout)
	shutCtx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(shutCtx)
	wait()
	if err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	log.Info("stopped")
	return nil
}

// plainTerminal reports whether stderr is a person's terminal (a variable
// so that tests can say so).
var plainTerminal = func() bool { return term.IsTerminal(int(os.Stderr.Fd())) }

// buildFirst builds the index when serve starts without one, then makes the
// server use it at once instead of at the next poll. It returns why the
// build failed, in words for the people the server answers.
func buildFirst(ctx context.Context, log *slog.Logger, cfg serveConfig, live *blevesearch.Live) error {
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
			return nil
		}
		why := fmt.Errorf("building it from %s failed (%w); fix --corpus (or POLICYSEARCH_CORPUS) and restart, or build one with 'policysearch index --corpus DIR --index %s'", cfg.CorpusDir, err, cfg.IndexDir)
		log.Error("no index: first build failed; every search answers 503 saying why until an index is built", "corpus", cfg.CorpusDir, "index", cfg.IndexDir, "err", err)
		return why
	}
	log.Info("first build done", "indexed", sum.Indexed, "skipped", len(sum.Skipped), "took", sum.Took.Round(time.Millisecond))
	if err := live.Reload(ctx); err != nil {
		log.Error("open the new index", "err", err)
		return fmt.Errorf("the index was built but could not be opened: %w", err)
	}
	return nil
}

// statusHook reports on the live index for /healthz and /metrics. It reads
// the manifest and build record (a few small files) at most once a second,
// because one Prometheus scrape asks for several gauges.
func statusHook(log *slog.Logger, dir string, live *blevesearch.Live, buildErr *atomic.Pointer[string]) func() web.IndexStatus {
	var (
		mu      sync.Mutex
		cached  web.IndexStatus
		fetched time.Time
	)
	return func() web.IndexStatus {
		mu.Lock()
		defer mu.Unlock()
		gen := live.Generation()
		if time.Since(fetched) < time.Second && cached.Generation == gen && (gen != "" || buildErr.Load() == nil || cached.BuildError != "") {
			return cached
		}
		st := web.IndexStatus{Live: gen != "", Generation: gen, Docs: live.DocCount()}
		if why := buildErr.Load(); why != nil && gen == "" {
			st.BuildError = *why
		}
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

// servedHosts returns the host names the server answers to and the base of
// its absolute links. The names are the host of the listen address (unless
// it listens on every interface), the loopback names, the extra names the
// operator allowed and the host of the public URL (web.New adds that one).
// Without a public URL, links use the listen address as written, with the
// port actually bound (--addr localhost:0 in tests).
func servedHosts(addr string, bound net.Addr, extra []string, publicURL string) ([]string, string) {
	hosts := append([]string{}, web.DefaultHosts...)
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = ""
	}
	wildcard := host == "" || net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified()
	if !wildcard {
		hosts = append(hosts, host)
	}
	hosts = append(hosts, extra...)
	if publicURL != "" {
		return hosts, publicURL
	}
	linkHost := host
	if wildcard {
		linkHost = "localhost"
	}
	port := ""
	if tcp, ok := bound.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	} else if _, p, err := net.SplitHostPort(addr); err == nil {
		port = p
	}
	return hosts, "http://" + net.JoinHostPort(linkHost, port)
}

// durationFromEnv reads a duration (5s, 1m) from the environment, def when
// unset.
func durationFromEnv(name string, def time.Duration) (time.Duration, error) {
	v := envOr(name, "")
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: not a duration like 5s or 1m", name, v)
	}
	return d, nil
}

// splitList splits a comma-separated environment value, dropping blanks.
func splitList(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
