package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
)

// Generations is how a Live searcher finds and opens the live generation of
// an index directory. The zero value uses indexer.LiveGeneration and
// indexer.OpenLive.
type Generations struct {
	// Current names the live generation: cheap, called every poll. An error
	// wrapping indexer.ErrNoIndex means there is none yet.
	Current func(dir string) (string, error)
	// Open opens the live generation read-only; release closes it.
	Open func(dir string) (idx bleve.Index, generation string, release func() error, err error)
	// Released, when set, is called (in its own goroutine) after a replaced
	// generation has been closed, so that the server can delete old
	// generations as soon as it lets go of them.
	Released func(dir, generation string)
}

// Live is a Searcher that follows the live generation of an index directory:
// it polls the directory's live pointer, opens a new generation when the
// pointer moves, swaps it in atomically and closes the old one once the
// searches still running on it have finished. Before any generation exists
// searches fail with ErrNoIndex.
type Live struct {
	dir  string
	gens Generations
	log  *slog.Logger

	mu  sync.Mutex
	cur *generation
	// failed and failedAt remember a generation that would not open, so
	// that polling retries it every retryFailed rather than every second.
	failed   string
	failedAt time.Time

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// generation is one opened index with a count of the searches using it.
type generation struct {
	name     string
	docs     uint64
	searcher *IndexSearcher
	release  func() error

	refs    int  // guarded by Live.mu
	retired bool // guarded by Live.mu: replaced; close when refs drops to 0
}

var _ Searcher = (*Live)(nil)

// NewLive opens the live generation of dir if there is one and polls for a
// new one every poll interval until ctx is done or Close is called. Errors
// while reloading are logged and the current generation keeps serving.
func NewLive(ctx context.Context, dir string, gens Generations, poll time.Duration, log *slog.Logger) *Live {
	if gens.Current == nil {
		gens.Current = indexer.LiveGeneration
	}
	if gens.Open == nil {
		gens.Open = indexer.OpenLive
	}
	if poll <= 0 {
		poll = time.Second
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &Live{dir: dir, gens: gens, log: log, stop: make(chan struct{}), done: make(chan struct{})}
	if err := l.Reload(ctx); err != nil && !errors.Is(err, indexer.ErrNoIndex) {
		log.Error("open live index", "dir", dir, "err", err)
	}
	go l.poll(ctx, poll)
	return l
}

func (l *Live) poll(ctx context.Context, every time.Duration) {
	defer close(l.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.stop:
			return
		case <-t.C:
			if err := l.reload(ctx, false); err != nil && !errors.Is(err, indexer.ErrNoIndex) {
				l.log.Error("reload live index", "dir", l.dir, "err", err)
			}
		}
	}
}

// retryFailed is how long a generation that failed to open is left alone
// before the poller tries it again (Reload always tries).
const retryFailed = 30 * time.Second

// Reload switches to the live generation now if it is not the one being
// served (serve calls it right after a build to skip the wait).
func (l *Live) Reload(ctx context.Context) error {
	return l.reload(ctx, true)
}

func (l *Live) reload(ctx context.Context, force bool) error {
	name, err := l.gens.Current(l.dir)
	if err != nil {
		return err
	}
	if name == l.Generation() {
		return nil
	}
	l.mu.Lock()
	skip := !force && name == l.failed && time.Since(l.failedAt) < retryFailed
	l.mu.Unlock()
	if skip {
		return nil
	}
	idx, opened, release, err := l.gens.Open(l.dir)
	if err != nil {
		l.mu.Lock()
		l.failed, l.failedAt = name, time.Now()
		l.mu.Unlock()
		return fmt.Errorf("open generation %s: %w", name, err)
	}
	if release == nil {
		release = idx.Close
	}
	docs, err := idx.DocCount()
	if err != nil {
		release()
		return fmt.Errorf("open generation %s: count documents: %w", opened, err)
	}
	// Warm before going live: the facet ordinals are read and the index
	// files paged in now, not by the first user after a switch or restart.
	searcher := NewIndexSearcher(idx)
	if err := searcher.Warm(ctx); err != nil {
		searcher.Close()
		release()
		l.mu.Lock()
		l.failed, l.failedAt = name, time.Now()
		l.mu.Unlock()
		return fmt.Errorf("open generation %s: warm: %w", opened, err)
	}
	g := &generation{name: opened, docs: docs, searcher: searcher, release: release}
	l.mu.Lock()
	old := l.cur
	if old != nil && old.name == opened {
		// Another Reload got there first.
		l.mu.Unlock()
		searcher.Close()
		return release()
	}
	l.cur = g
	var closeOld bool
	if old != nil {
		old.retired = true
		closeOld = old.refs == 0
	}
	l.mu.Unlock()
	l.log.Info("serving index generation", "generation", opened, "docs", docs)
	if closeOld {
		l.closeGeneration(old)
	}
	return nil
}

// closeGeneration closes a generation that has been replaced and that no
// search uses any more.
func (l *Live) closeGeneration(g *generation) {
	g.searcher.Close()
	if err := g.release(); err != nil {
		l.log.Error("close index generation", "generation", g.name, "err", err)
		return
	}
	if l.gens.Released != nil {
		go l.gens.Released(l.dir, g.name)
	}
}

// acquire returns the current generation with its count raised; the caller
// must call l.put(g) when done with it.
func (l *Live) acquire() (*generation, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil {
		return nil, fmt.Errorf("%w: no live generation in %s yet", ErrNoIndex, l.dir)
	}
	l.cur.refs++
	return l.cur, nil
}

func (l *Live) put(g *generation) {
	l.mu.Lock()
	g.refs--
	last := g.retired && g.refs == 0
	l.mu.Unlock()
	if last {
		l.closeGeneration(g)
	}
}

// Search runs req on the current generation.
func (l *Live) Search(ctx context.Context, req Request) (*Result, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.Search(ctx, req)
}

// Document returns one document of the current generation.
func (l *Live) Document(ctx context.Context, id string) (*corpus.Document, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.Document(ctx, id)
}

// Related returns the documents most like one of the current generation.
func (l *Live) Related(ctx context.Context, id string, n int) ([]Hit, error) {
	g, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer l.put(g)
	return g.searcher.Related(ctx, id, n)
}

// Generation names the generation being served, or "" before there is one.
func (l *Live) Generation() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil {
		return ""
	}
	return l.cur.name
}

// DocCount is the number of documents in the generation being served.
func (l *Live) DocCount() uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil {
		return 0
	}
	return l.cur.docs
}

// Close stops polling and closes the current generation once the searches
// running on it have finished.
func (l *Live) Close() error {
	l.once.Do(func() { close(l.stop) })
	<-l.done
	l.mu.Lock()
	g := l.cur
	l.cur = nil
	var closeNow bool
	if g != nil {
		g.retired = true
		closeNow = g.refs == 0
	}
	l.mu.Unlock()
	if closeNow {
		g.searcher.Close()
		return g.release()
	}
	return nil
}
