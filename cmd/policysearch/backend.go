package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/opensearch"
	"github.com/policysearch/policysearch/web"
)

// The backends a command can use: the embedded bleve index (the default,
// needing nothing else) or an OpenSearch cluster.
const (
	backendBleve      = "bleve"
	backendOpenSearch = "opensearch"
)

// backendConfig is where index, add, serve and search find the index.
type backendConfig struct {
	Backend string
	URL     string
	Alias   string
	// Shards and Replicas size a new OpenSearch index (index only).
	Shards, Replicas int
}

// addBackendFlags declares --backend, --opensearch-url and
// --opensearch-index on fs (and the shard counts when sizing is true).
func addBackendFlags(fs *flag.FlagSet, sizing bool) (*backendConfig, error) {
	b := &backendConfig{}
	fs.StringVar(&b.Backend, "backend", envOr("POLICYSEARCH_BACKEND", backendBleve), "bleve (the index folder) or opensearch (a cluster) (env POLICYSEARCH_BACKEND)")
	fs.StringVar(&b.URL, "opensearch-url", envOr("POLICYSEARCH_OPENSEARCH_URL", "http://127.0.0.1:9200"), "OpenSearch node addresses, comma-separated (env POLICYSEARCH_OPENSEARCH_URL)")
	fs.StringVar(&b.Alias, "opensearch-index", envOr("POLICYSEARCH_OPENSEARCH_INDEX", opensearch.DefaultAlias), "OpenSearch alias searches read and builds switch (env POLICYSEARCH_OPENSEARCH_INDEX)")
	if sizing {
		shards, err := intFromEnv("POLICYSEARCH_OPENSEARCH_SHARDS", 1)
		if err != nil {
			return nil, err
		}
		replicas, err := intFromEnv("POLICYSEARCH_OPENSEARCH_REPLICAS", 0)
		if err != nil {
			return nil, err
		}
		fs.IntVar(&b.Shards, "opensearch-shards", shards, "primary shards of a new OpenSearch index (env POLICYSEARCH_OPENSEARCH_SHARDS)")
		fs.IntVar(&b.Replicas, "opensearch-replicas", replicas, "replicas of each shard (env POLICYSEARCH_OPENSEARCH_REPLICAS)")
	}
	return b, nil
}

// openSearch reports whether the OpenSearch backend is chosen; an unknown
// backend is an error.
func (b *backendConfig) openSearch() (bool, error) {
	switch b.Backend {
	case backendBleve, "":
		return false, nil
	case backendOpenSearch:
		return true, nil
	}
	return false, fmt.Errorf("--backend %q: use %s or %s", b.Backend, backendBleve, backendOpenSearch)
}

func (b *backendConfig) client() (*opensearch.Client, error) { return opensearch.NewClient(b.URL) }

// indexOpenSearch is `policysearch index --backend opensearch`.
func indexOpenSearch(ctx context.Context, log *slog.Logger, b *backendConfig, cfg indexer.BuildConfig) error {
	c, err := b.client()
	if err != nil {
		return err
	}
	p := newProgress(log, "indexing")
	log.Info("index build starting", "corpus", cfg.CorpusDir, "opensearch", b.URL, "alias", b.Alias, "full", cfg.Full)
	sum, err := opensearch.Build(ctx, c, opensearch.BuildConfig{
		CorpusDir:   cfg.CorpusDir,
		Alias:       b.Alias,
		Settings:    opensearch.IndexSettings{Shards: b.Shards, Replicas: b.Replicas},
		Full:        cfg.Full,
		BatchSize:   cfg.BatchSize,
		Workers:     cfg.Workers,
		FileTimeout: cfg.FileTimeout,
		Progress:    p.update,
	})
	p.finish()
	return reportBuild(log, os.Stdout, sum, err)
}

// addOpenSearch is `policysearch add --backend opensearch`.
func addOpenSearch(ctx context.Context, log *slog.Logger, b *backendConfig, files []string) error {
	c, err := b.client()
	if err != nil {
		return err
	}
	sum, err := opensearch.Add(ctx, c, b.Alias, files)
	return reportBuild(log, os.Stdout, sum, err)
}

// searchOpenSearch runs one search on the cluster; nil searcher means bleve.
func (b *backendConfig) searcher() (search.Searcher, string, error) {
	c, err := b.client()
	if err != nil {
		return nil, "", err
	}
	return opensearch.NewSearcher(c, b.Alias), b.Alias, nil
}

// serveOpenSearch serves the page and API from the cluster. There is no
// generation to watch: every request reads the index the alias names, so a
// build's switch is live at once.
func serveOpenSearch(ctx context.Context, log *slog.Logger, b *backendConfig, cfg serveConfig) error {
	s, _, err := b.searcher()
	if err != nil {
		return err
	}
	// The same web options as serve, without the index status hook: there
	// is no generation folder to report on.
	opts, ln, err := listen(log, cfg)
	if err != nil {
		return err
	}
	srv := httpServer(ctx, log, web.New(s, opts))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("serving", "url", "http://"+ln.Addr().String(), "opensearch", b.URL, "alias", b.Alias)
	select {
	case err := <-served:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	return shutDown(log, srv, ln, served, cfg.ShutdownTimeout, func() {})
}

// searchWith runs cfg's search on s and prints it as searchCommand does.
func searchWith(ctx context.Context, w io.Writer, s search.Searcher, name string, cfg searchConfig) error {
	res, err := s.Search(ctx, cfg.Request)
	if err != nil {
		return err
	}
	if cfg.JSON {
		return writeSearchJSON(w, res)
	}
	return writeSearchText(w, cfg.Request, res, name, false)
}
