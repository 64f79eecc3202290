package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/indexer/entities"
)

// DefaultBatchSize is how many documents one bulk request carries: a few
// megabytes of articles, well under OpenSearch's 100 MB request limit.
const DefaultBatchSize = 500

// BuildConfig says what Build indexes and where.
type BuildConfig struct {
	CorpusDir string
	// Alias is the name searches use (DefaultAlias when ""). Each build
	// writes a new index ALIAS-TIMESTAMP and moves the alias to it.
	Alias    string
	Settings IndexSettings
	// Full rebuilds every document; otherwise documents whose file has the
	// same content hash as in the live index are copied from it (their
	// stored _source, in bulk) instead of being cleaned again.
	Full      bool
	BatchSize int
	Workers   int
	// FileTimeout bounds the cleaning of one file (indexer.DefaultFileTimeout
	// when 0).
	FileTimeout time.Duration
	// Progress, when set, is called after each file.
	Progress func(indexer.Progress)
	// Aliases gives the other names of an entity (nil: the gazetteer's).
	Aliases indexer.AliasFunc
}

func (cfg *BuildConfig) defaults() {
	if cfg.Alias == "" {
		cfg.Alias = DefaultAlias
	}
	if cfg.Settings.Shards <= 0 {
		cfg.Settings.Shards = 1
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.Aliases == nil {
		cfg.Aliases = entities.Aliases
	}
}

// Build indexes every article under cfg.CorpusDir into a new index and
// switches the alias to it in one atomic _aliases call, then deletes the
// indices the alias left. A build that fails at any step before the switch
// deletes its new index and leaves the alias where it was.
func Build(ctx context.Context, c *Client, cfg BuildConfig) (*indexer.Summary, error) {
	cfg.defaults()
	began := time.Now()
	sum := &indexer.Summary{Kind: "full"}
	if _, err := c.Health(ctx, 30*time.Second); err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	old, err := c.aliasIndices(ctx, cfg.Alias)
	if err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	var oldHashes map[string]string
	if !cfg.Full && len(old) == 1 {
		sum.Kind, sum.Base = "incremental", old[0]
		if oldHashes, err = c.hashes(ctx, old[0]); err != nil {
			return sum, fmt.Errorf("build: %w", err)
		}
	} else if !cfg.Full {
		sum.FullReason = "no live index yet"
	}

	var sources []corpus.Source
	err = corpus.Walk(ctx, cfg.CorpusDir, func(s corpus.Source) error {
		sources = append(sources, s)
		return nil
	}, func(path string, err error) {
		sum.Skipped = append(sum.Skipped, indexer.Skip{File: path, Reason: err.Error()})
	})
	if err != nil {
		return sum, fmt.Errorf("build: walk %s: %w", cfg.CorpusDir, err)
	}
	sum.Files = len(sources)

	kept := map[string]bool{} // ids in the new index
	name, err := c.writeIndex(ctx, cfg.Alias, cfg.Settings, func(idx string) error {
		return c.fill(ctx, idx, old, oldHashes, sources, cfg, sum, began, kept)
	})
	if err != nil {
		return sum, fmt.Errorf("build: %w", err)
	}
	sum.Generation, sum.Switched = name, true
	// In the old index but gone from the corpus, or now skipped.
	for id := range oldHashes {
		if !kept[id] {
			sum.Removed++
		}
	}
	if sum.Docs, err = c.count(ctx, name); err != nil {
		sum.Warnings = append(sum.Warnings, err.Error())
	}
	sum.Pruned, err = c.prune(ctx, cfg.Alias, name)
	if err != nil {
		sum.Warnings = append(sum.Warnings, err.Error())
	}
	sum.Took = time.Since(began)
	return sum, nil
}

// fill writes the documents of a build into the new index idx: unchanged
// ones copied from the old index, the others cleaned and sent in bulk.
func (c *Client) fill(ctx context.Context, idx string, old []string, oldHashes map[string]string, sources []corpus.Source, cfg BuildConfig, sum *indexer.Summary, began time.Time, kept map[string]bool) error {
	type result struct {
		src  corpus.Source
		file indexer.PreparedFile
	}
	jobs := make(chan corpus.Source)
	results := make(chan result)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range jobs {
				// The same checks, guard and skip reasons as a bleve build.
				r := result{src: src, file: indexer.PrepareFile(ctx, src, oldHashes[corpus.DocumentID(src.Rel)], cfg.FileTimeout)}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, s := range sources {
			select {
			case jobs <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var batch []*corpus.Document
	var same []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := c.bulk(ctx, idx, batch, cfg.Aliases, false)
		batch = batch[:0]
		return err
	}
	done := 0
	for r := range results {
		done++
		if r.file.Capped {
			sum.Capped = append(sum.Capped, r.src.Rel)
		}
		switch {
		case r.file.Skip != "":
			sum.Skipped = append(sum.Skipped, indexer.Skip{File: r.src.Rel, Reason: r.file.Skip})
		case r.file.Unchanged:
			id := corpus.DocumentID(r.src.Rel)
			same = append(same, id)
			kept[id] = true
			sum.Unchanged++
		default:
			kept[r.file.Doc.ID] = true
			batch = append(batch, r.file.Doc)
			sum.Indexed++
			if len(batch) >= cfg.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if cfg.Progress != nil {
			cfg.Progress(indexer.Progress{Done: done, Total: len(sources), Indexed: sum.Indexed, Unchanged: sum.Unchanged, Skipped: len(sum.Skipped), Elapsed: time.Since(began)})
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	if len(same) > 0 {
		if err := c.copyDocs(ctx, old[0], idx, same); err != nil {
			return err
		}
	}
	return nil
}

// writeIndex creates a new index for alias, lets fill write it, makes it
// searchable and checks it, then moves the alias to it atomically. On any
// failure before the switch the new index is deleted and the alias is left
// where it was.
func (c *Client) writeIndex(ctx context.Context, alias string, s IndexSettings, fill func(idx string) error) (string, error) {
	name := alias + "-" + strings.ToLower(time.Now().UTC().Format("20060102t150405.000000z"))
	if err := c.do(ctx, http.MethodPut, "/"+url.PathEscape(name)+"?wait_for_active_shards=1", indexBody(s), nil); err != nil {
		return "", fmt.Errorf("create index %s: %w", name, err)
	}
	fail := func(err error) (string, error) {
		// The caller's context may be what failed; the clean-up still runs.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if derr := c.do(cctx, http.MethodDelete, "/"+url.PathEscape(name), nil, nil); derr != nil {
			err = fmt.Errorf("%w (and deleting the unfinished index %s failed: %v)", err, name, derr)
		}
		return "", err
	}
	if err := fill(name); err != nil {
		return fail(err)
	}
	settings := map[string]any{"index": map[string]any{"refresh_interval": nil}}
	if err := c.do(ctx, http.MethodPut, "/"+url.PathEscape(name)+"/_settings", settings, nil); err != nil {
		return fail(fmt.Errorf("index %s: restore refresh: %w", name, err))
	}
	if err := c.do(ctx, http.MethodPost, "/"+url.PathEscape(name)+"/_refresh", nil, nil); err != nil {
		return fail(fmt.Errorf("index %s: refresh: %w", name, err))
	}
	if err := c.switchAlias(ctx, alias, name); err != nil {
		return fail(err)
	}
	return name, nil
}

// aliasIndices lists the indices alias points at (none when it does not
// exist). A concrete index named like the alias is an error: the alias
// could never be created.
func (c *Client) aliasIndices(ctx context.Context, alias string) ([]string, error) {
	var out map[string]any
	err := c.do(ctx, http.MethodGet, "/_alias/"+url.PathEscape(alias), nil, &out)
	if status, _ := statusOf(err); status == http.StatusNotFound {
		var idx map[string]any
		if c.do(ctx, http.MethodGet, "/"+url.PathEscape(alias)+"/_settings", nil, &idx) == nil && len(idx) > 0 {
			return nil, fmt.Errorf("%q is an index, not an alias: delete it or choose another name", alias)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read alias %s: %w", alias, err)
	}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// switchAlias points alias at name only, in one _aliases request: a search
// sees either the old index or the new one, never none.
func (c *Client) switchAlias(ctx context.Context, alias, name string) error {
	old, err := c.aliasIndices(ctx, alias)
	if err != nil {
		return err
	}
	var actions []any
	for _, o := range old {
		actions = append(actions, map[string]any{"remove": map[string]any{"index": o, "alias": alias}})
	}
	actions = append(actions, map[string]any{"add": map[string]any{"index": name, "alias": alias}})
	if err := c.do(ctx, http.MethodPost, "/_aliases", map[string]any{"actions": actions}, nil); err != nil {
		return fmt.Errorf("switch alias %s to %s: %w", alias, name, err)
	}
	return nil
}

// prune deletes the indices of earlier builds (ALIAS-*) except keep.
func (c *Client) prune(ctx context.Context, alias, keep string) ([]string, error) {
	var out map[string]any
	if err := c.do(ctx, http.MethodGet, "/"+url.PathEscape(alias+"-*")+"/_settings?filter_path=*.settings.index.uuid", nil, &out); err != nil {
		return nil, fmt.Errorf("list old indices: %w", err)
	}
	var gone []string
	for n := range out {
		if n != keep {
			gone = append(gone, n)
		}
	}
	sort.Strings(gone)
	if len(gone) == 0 {
		return nil, nil
	}
	if err := c.do(ctx, http.MethodDelete, "/"+url.PathEscape(strings.Join(gone, ",")), nil, nil); err != nil {
		return nil, fmt.Errorf("delete old indices %s: %w", strings.Join(gone, ","), err)
	}
	return gone, nil
}

func (c *Client) count(ctx context.Context, idx string) (uint64, error) {
	var out struct {
		Count uint64 `json:"count"`
	}
	if err := c.do(ctx, http.MethodGet, "/"+url.PathEscape(idx)+"/_count", nil, &out); err != nil {
		return 0, fmt.Errorf("count %s: %w", idx, err)
	}
	return out.Count, nil
}

// hashes reads the content hash of every document in idx, paging with
// search_after on the id.
func (c *Client) hashes(ctx context.Context, idx string) (map[string]string, error) {
	out := map[string]string{}
	var after []any
	for {
		body := map[string]any{"size": maxWindow, "sort": []any{map[string]any{fieldID: "asc"}}, "_source": []string{indexer.FieldHash}, "track_total_hits": false}
		if after != nil {
			body["search_after"] = after
		}
		var res searchJSON
		if err := c.do(ctx, http.MethodPost, "/"+url.PathEscape(idx)+"/_search", body, &res); err != nil {
			return nil, fmt.Errorf("read content hashes of %s: %w", idx, err)
		}
		for _, h := range res.Hits.Hits {
			var src struct {
				Hash string `json:"hash"`
			}
			if err := json.Unmarshal(h.Source, &src); err != nil {
				return nil, fmt.Errorf("read content hashes of %s: %s: %w", idx, h.ID, err)
			}
			out[h.ID] = src.Hash
		}
		if len(res.Hits.Hits) < maxWindow {
			return out, nil
		}
		after = res.Hits.Hits[len(res.Hits.Hits)-1].Sort
	}
}

// copyDocs copies documents by id from one index to another: their stored
// _source read in pages and written back with the bulk API, so unchanged
// articles are not cleaned again. (The _reindex API would do it inside the
// cluster but is a module a cluster may lack; this needs only search and
// bulk.)
func (c *Client) copyDocs(ctx context.Context, from, to string, ids []string) error {
	const chunk = 1000
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		body := map[string]any{"size": len(part), "query": map[string]any{"ids": map[string]any{"values": part}}, "track_total_hits": false}
		var res searchJSON
		if err := c.do(ctx, http.MethodPost, "/"+url.PathEscape(from)+"/_search", body, &res); err != nil {
			return fmt.Errorf("read %d unchanged documents from %s: %w", len(part), from, err)
		}
		if len(res.Hits.Hits) != len(part) {
			return fmt.Errorf("read unchanged documents from %s: %d of %d found", from, len(res.Hits.Hits), len(part))
		}
		var buf bytes.Buffer
		for _, h := range res.Hits.Hits {
			meta, err := json.Marshal(map[string]any{"index": map[string]any{"_index": to, "_id": h.ID}})
			if err != nil {
				return err
			}
			buf.Write(meta)
			buf.WriteByte('\n')
			buf.Write(bytes.TrimSpace(h.Source))
			buf.WriteByte('\n')
		}
		if err := c.sendBulk(ctx, "/_bulk", buf.Bytes(), len(part)); err != nil {
			return fmt.Errorf("copy unchanged documents from %s: %w", from, err)
		}
	}
	return nil
}

// bulk writes docs to idx in one bulk request; any document refused fails
// the whole call, naming the first refusal.
func (c *Client) bulk(ctx context.Context, idx string, docs []*corpus.Document, aliases indexer.AliasFunc, refresh bool) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range docs {
		if d.ID == "" {
			return fmt.Errorf("bulk: document %q has no id", d.File)
		}
		src, err := source(d, aliases)
		if err != nil {
			return fmt.Errorf("bulk: %w", err)
		}
		if err := enc.Encode(map[string]any{"index": map[string]any{"_index": idx, "_id": d.ID}}); err != nil {
			return fmt.Errorf("bulk: %w", err)
		}
		if err := enc.Encode(src); err != nil {
			return fmt.Errorf("bulk: %s: %w", d.ID, err)
		}
	}
	path := "/_bulk"
	if refresh {
		path += "?refresh=wait_for"
	}
	return c.sendBulk(ctx, path, buf.Bytes(), len(docs))
}

// sendBulk sends an NDJSON bulk body of n documents; any document refused
// fails the whole call, naming the first refusal.
func (c *Client) sendBulk(ctx context.Context, path string, body []byte, n int) error {
	var out struct {
		Errors bool `json:"errors"`
		Items  []map[string]struct {
			ID     string `json:"_id"`
			Status int    `json:"status"`
			Error  *struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"error"`
		} `json:"items"`
	}
	if err := c.do(ctx, http.MethodPost, path, body, &out); err != nil {
		return fmt.Errorf("bulk of %d documents: %w", n, err)
	}
	if out.Errors {
		for _, it := range out.Items {
			for _, r := range it {
				if r.Error != nil {
					return fmt.Errorf("bulk: document %s refused (HTTP %d): %s: %s", r.ID, r.Status, r.Error.Type, r.Error.Reason)
				}
			}
		}
		return errors.New("bulk: the cluster reported errors without details")
	}
	return nil
}

// IndexDocuments writes docs as a new index behind alias, as Build does
// with a corpus: for tests and tools that have documents in hand.
func IndexDocuments(ctx context.Context, c *Client, alias string, s IndexSettings, docs []*corpus.Document, aliases indexer.AliasFunc) (string, error) {
	if s.Shards <= 0 {
		s.Shards = 1
	}
	name, err := c.writeIndex(ctx, alias, s, func(idx string) error {
		for start := 0; start < len(docs); start += DefaultBatchSize {
			if err := c.bulk(ctx, idx, docs[start:min(start+DefaultBatchSize, len(docs))], aliases, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if _, err := c.prune(ctx, alias, name); err != nil {
		return name, err
	}
	return name, nil
}

// Add cleans files and writes them into the index alias points at, visible
// to searches when it returns (refresh=wait_for): `policysearch add`.
func Add(ctx context.Context, c *Client, alias string, files []string) (*indexer.Summary, error) {
	if alias == "" {
		alias = DefaultAlias
	}
	began := time.Now()
	sum := &indexer.Summary{Kind: "add", Files: len(files)}
	old, err := c.aliasIndices(ctx, alias)
	if err != nil {
		return sum, fmt.Errorf("add: %w", err)
	}
	if len(old) != 1 {
		return sum, fmt.Errorf("add: no index behind %q yet: run policysearch index --backend opensearch first", alias)
	}
	var docs []*corpus.Document
	for _, f := range files {
		doc, err := indexer.Prepare(ctx, f, filepath.ToSlash(f))
		if err != nil {
			sum.Skipped = append(sum.Skipped, indexer.Skip{File: f, Reason: err.Error()})
			continue
		}
		docs = append(docs, doc)
	}
	if len(docs) > 0 {
		if err := c.bulk(ctx, old[0], docs, entities.Aliases, true); err != nil {
			return sum, fmt.Errorf("add: %w", err)
		}
	}
	sum.Indexed, sum.Generation = len(docs), old[0]
	if sum.Docs, err = c.count(ctx, old[0]); err != nil {
		sum.Warnings = append(sum.Warnings, err.Error())
	}
	sum.Took = time.Since(began)
	return sum, nil
}
