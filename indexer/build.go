package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/policysearch/policysearch/corpus"
)

// crashHook, set only by tests, is called at the steps after which a crash
// leaves a different state on disk, so that a test can SIGKILL the build
// exactly there (see TestCrashAtEachStep).
var crashHook func(step string)

func crashPoint(step string) {
	if crashHook != nil {
		crashHook(step)
	}
}

// DefaultBatchSize is how many documents go to bleve in one batch.
// BenchmarkWriteBatches (3,000 documents of ~3 KB, 2 cores): 100 was
// clearly slower and allocated 40 % more; 500, 1,000 and 2,000 were equal
// within the noise of a shared machine, and bigger batches hold more
// documents in memory at once (bleve issue #1787), so the smallest of those.
const DefaultBatchSize = 500

// maxBatchBytes also ends a batch, so a run of huge pages cannot make one
// batch hold gigabytes of text.
const maxBatchBytes = 64 << 20

// buildMergePlan is the merge policy of a new generation while a full build
// writes it: no merging at all. The build merges the whole generation into
// one segment once at the end (mergeSegments), so the background merges of
// bleve's default policy (each document merged two or three times into ever
// larger segments: 27 s of the 182 s of CPU of a 94k-document build) were
// work that final merge threw away. No segment is small enough to be merged
// (a candidate has fewer than half of MaxSegmentSize documents). Scorch
// reads the options as JSON, which bleve's options struct, with its
// function fields, cannot be written as; its defaults fill the rest.
var buildMergePlan = map[string]interface{}{"MaxSegmentSize": 1}

// finalMergePlan merges a closed generation into one segment in as few
// steps as possible: all of its segments in one merge task rather than
// bleve's ten at a time, which merges most documents twice over.
var finalMergePlan = func() mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.SegmentsPerMergeTask = 1 << 20
	return o
}()

// ErrNothingIndexed means a build found no document it could index, so the
// previous live generation (if any) stays live.
var ErrNothingIndexed = errors.New("no document could be indexed")

// BuildConfig says what to build and how.
type BuildConfig struct {
	CorpusDir string
	IndexDir  string
	// Full rebuilds from scratch instead of starting from the live generation.
	Full bool
	// Workers is how many files are cleaned at once; 0 means one per CPU.
	Workers int
	// BatchSize is documents per bleve batch; 0 means DefaultBatchSize.
	BatchSize int
	// Wait makes a build wait for a running one instead of failing with
	// ErrBuildRunning.
	Wait bool
	// FileTimeout bounds the cleaning of one file; 0 means DefaultFileTimeout.
	FileTimeout time.Duration
	// Progress, when set, is called from one goroutine after each file.
	Progress func(Progress)
	// Waiting, when set, is called once if the build must wait for the lock.
	Waiting func(holder string)
}

// AddConfig says which pages `Add` puts into the index.
type AddConfig struct {
	IndexDir string
	// CorpusDir gives added files under it the id a build would give them;
	// empty means the corpus the live generation was built from.
	CorpusDir   string
	Files       []string
	Workers     int
	BatchSize   int
	Wait        bool
	FileTimeout time.Duration
	Progress    func(Progress)
	Waiting     func(holder string)
}

// Progress is reported after each file.
type Progress struct {
	Done, Total                 int
	Indexed, Unchanged, Skipped int
	Elapsed                     time.Duration
}

// Skip is one file left out of the index and why.
type Skip struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Summary is what a build did.
type Summary struct {
	// Kind is "full", "incremental" or "add".
	Kind string
	// Generation is the live generation after the build. When nothing
	// changed it is the one that was already live (Switched is false).
	Generation string
	Switched   bool
	// Base is the generation the build started from ("" for full builds).
	Base string
	// FullReason says why an incremental build rebuilt from scratch.
	FullReason string
	Files      int // article files found
	Indexed    int // cleaned and written
	Unchanged  int // same content hash as in the base: not cleaned again
	Removed    int // in the base but gone from the corpus (or now skipped)
	Capped     []string
	Skipped    []Skip
	Docs       uint64 // documents in the live generation
	Pruned     []string
	// Warnings are failures after the new generation went live (pruning,
	// the build record): they do not make the build fail, since the index
	// is live and the next build retries them.
	Warnings []string
	Took     time.Duration
}

// DocsPerSecond is files brought up to date (indexed or found unchanged) per
// second of the whole build.
func (s *Summary) DocsPerSecond() float64 {
	if s.Took <= 0 {
		return 0
	}
	return float64(s.Indexed+s.Unchanged) / s.Took.Seconds()
}

// SkippedByReason groups skipped files by reason (the part before ": "),
// reasons sorted.
func (s *Summary) SkippedByReason() []ReasonFiles {
	m := map[string][]Skip{}
	for _, k := range s.Skipped {
		key, _, _ := strings.Cut(k.Reason, ": ")
		m[key] = append(m[key], k)
	}
	var out []ReasonFiles
	for r, ks := range m {
		sort.Slice(ks, func(i, j int) bool { return ks[i].File < ks[j].File })
		out = append(out, ReasonFiles{Reason: r, Files: ks})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Reason < out[j].Reason })
	return out
}

// ReasonFiles is the files skipped for one reason.
type ReasonFiles struct {
	Reason string
	Files  []Skip
}

// Build indexes the corpus into a new generation and makes it live, unless
// nothing changed. It is incremental unless cfg.Full: it starts from a copy
// of the live generation, cleans only files whose content hash changed and
// deletes documents whose files are gone.
func Build(ctx context.Context, cfg BuildConfig) (*Summary, error) {
	if cfg.CorpusDir == "" || cfg.IndexDir == "" {
		return nil, errors.New("build: corpus and index folders are required")
	}
	absCorpus, err := filepath.Abs(cfg.CorpusDir)
	if err != nil {
		return nil, fmt.Errorf("build: corpus %s: %w", cfg.CorpusDir, err)
	}
	if info, err := os.Stat(absCorpus); err != nil {
		return nil, fmt.Errorf("build: corpus: %w", err)
	} else if !info.IsDir() {
		return nil, fmt.Errorf("build: corpus %s is not a folder", cfg.CorpusDir)
	}
	p := &plan{
		dir: cfg.IndexDir, corpus: absCorpus, full: cfg.Full, removeMissing: true,
		workers: cfg.Workers, batchSize: cfg.BatchSize, fileTimeout: cfg.FileTimeout,
		wait: cfg.Wait, progress: cfg.Progress, waiting: cfg.Waiting,
		sourcesFn: func(ctx context.Context, _ *Manifest) ([]corpus.Source, []Skip, error) {
			return walkCorpus(ctx, absCorpus)
		},
	}
	return p.run(ctx)
}

// Add cleans and indexes the given pages into a successor of the live
// generation (or a first generation), with the same guarantees as Build:
// copy, write, verify, then switch. Documents of other files are kept.
func Add(ctx context.Context, cfg AddConfig) (*Summary, error) {
	if cfg.IndexDir == "" || len(cfg.Files) == 0 {
		return nil, errors.New("add: an index folder and at least one file are required")
	}
	p := &plan{
		dir: cfg.IndexDir, add: true,
		workers: cfg.Workers, batchSize: cfg.BatchSize, fileTimeout: cfg.FileTimeout,
		wait: cfg.Wait, progress: cfg.Progress, waiting: cfg.Waiting,
	}
	p.sourcesFn = func(ctx context.Context, base *Manifest) ([]corpus.Source, []Skip, error) {
		root := cfg.CorpusDir
		if root == "" && base != nil {
			root = base.Corpus
		}
		if root != "" {
			if abs, err := filepath.Abs(root); err == nil {
				root = abs
			}
		}
		p.corpus = root
		var srcs []corpus.Source
		for _, f := range cfg.Files {
			abs, err := filepath.Abs(f)
			if err != nil {
				return nil, nil, fmt.Errorf("add %s: %w", f, err)
			}
			srcs = append(srcs, corpus.Source{Path: f, Rel: relTo(root, abs)})
		}
		return srcs, nil, nil
	}
	return p.run(ctx)
}

// relTo names a file the way a build of root would (its path relative to
// root), or by its absolute path when it lies outside root.
func relTo(root, abs string) string {
	if root != "" {
		if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// walkCorpus lists the articles under root; files the walk cannot read are
// returned as skips.
func walkCorpus(ctx context.Context, root string) ([]corpus.Source, []Skip, error) {
	var srcs []corpus.Source
	var skips []Skip
	err := corpus.Walk(ctx, root, func(s corpus.Source) error {
		srcs = append(srcs, s)
		return nil
	}, func(path string, err error) {
		rel, rerr := filepath.Rel(root, path)
		if rerr != nil {
			rel = path
		}
		reason := reasonUnreadable + ": " + shortErr(err, path)
		if errors.Is(err, corpus.ErrNotRegular) {
			reason = reasonNotRegular + strings.TrimPrefix(err.Error(), corpus.ErrNotRegular.Error())
		}
		skips = append(skips, Skip{File: filepath.ToSlash(rel), Reason: reason})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("walk corpus %s: %w", root, err)
	}
	return srcs, skips, nil
}

// plan is one build or add in progress.
type plan struct {
	dir, corpus   string
	full, add     bool
	removeMissing bool
	workers       int
	batchSize     int
	fileTimeout   time.Duration
	wait          bool
	progress      func(Progress)
	waiting       func(string)
	sourcesFn     func(context.Context, *Manifest) ([]corpus.Source, []Skip, error)
	// prepare cleans one file: prepareBytes, read once per build so that a
	// cleaning abandoned after its timeout never reads the variable again.
	prepare func(ctx context.Context, raw []byte, path, rel string) (*corpus.Document, error)
}

// baseDoc is what the base generation knows of one document.
type baseDoc struct{ hash string }

func (p *plan) run(ctx context.Context) (sum *Summary, err error) {
	start := time.Now()
	if p.workers <= 0 {
		p.workers = runtime.NumCPU()
	}
	if p.batchSize <= 0 {
		p.batchSize = DefaultBatchSize
	}
	if p.fileTimeout <= 0 {
		p.fileTimeout = DefaultFileTimeout
	}
	p.prepare = prepareBytes
	defer tuneGC()()
	if err := os.MkdirAll(generationsPath(p.dir), 0o755); err != nil {
		return nil, fmt.Errorf("build %s: %w", p.dir, err)
	}
	lock, err := lockBuild(ctx, p.dir, p.wait, p.waiting)
	if err != nil {
		return nil, err
	}
	defer lock.release()

	sum = &Summary{Kind: "incremental"}
	if p.full {
		sum.Kind = "full"
	}
	if p.add {
		sum.Kind = "add"
	}
	defer func() {
		sum.Took = time.Since(start)
		rec := &BuildRecord{
			OK: err == nil, Kind: sum.Kind, Started: start.UTC(), Finished: time.Now().UTC(),
			Generation: sum.Generation, Docs: sum.Docs, Indexed: sum.Indexed,
			Unchanged: sum.Unchanged, Removed: sum.Removed, Skipped: len(sum.Skipped),
		}
		if err != nil {
			rec.Error = err.Error()
		}
		if werr := writeLastBuild(p.dir, rec); werr != nil && err == nil {
			sum.Warnings = append(sum.Warnings, werr.Error())
		}
	}()

	if err := cleanLeftovers(p.dir); err != nil {
		return sum, err
	}

	// The base: the live generation, unless this is a full build or the
	// live one cannot serve as a base.
	fingerprint := mappingFingerprint()
	var base *Manifest
	live, lerr := LiveGeneration(p.dir)
	if lerr == nil {
		if m, err := ReadManifest(p.dir, live); err != nil {
			sum.FullReason = err.Error()
		} else if m.Mapping != fingerprint {
			sum.FullReason = "the index mapping changed since generation " + live
		} else {
			base = m
		}
	} else if !errors.Is(lerr, ErrNoIndex) && !p.full {
		// A damaged LIVE: a full build replaces it, nothing else may.
		return sum, lerr
	}
	if p.full {
		base, sum.FullReason = nil, ""
	}
	if base == nil && !p.add {
		sum.Kind = "full"
	}

	srcs, walkSkips, err := p.sourcesFn(ctx, base)
	if err != nil {
		return sum, err
	}
	sum.Files = len(srcs) + len(walkSkips)
	sum.Skipped = append(sum.Skipped, walkSkips...)

	var baseDocs map[string]baseDoc
	var baseIdx bleve.Index
	if base != nil {
		idx, release, err := openGeneration(p.dir, base.Name)
		if err != nil {
			sum.FullReason, base = err.Error(), nil
			sum.Kind = "full"
		} else {
			defer release()
			if baseDocs, err = readHashes(ctx, idx); err != nil {
				return sum, err
			}
			baseIdx = idx
			sum.Base = base.Name
		}
	}

	w := &writer{p: p, sum: sum, base: baseIdx, baseDocs: baseDocs, seen: map[string]bool{}, fingerprint: fingerprint}
	defer w.abandon()
	if err := p.pipeline(ctx, srcs, baseDocs, w); err != nil {
		if ctx.Err() != nil {
			return sum, fmt.Errorf("build interrupted; the live index is unchanged: %w", err)
		}
		return sum, err
	}
	if p.removeMissing {
		for id := range baseDocs {
			if !w.seen[id] {
				w.removed = append(w.removed, id)
			}
		}
		sort.Strings(w.removed)
	}
	sum.Removed = len(w.removed)

	if w.idx == nil && len(w.removed) == 0 {
		// Nothing changed (or nothing could be indexed).
		if base == nil || (p.add && sum.Unchanged == 0) {
			return sum, fmt.Errorf("build %s: %w (%d files, %d skipped)", p.dir, ErrNothingIndexed, sum.Files, len(sum.Skipped))
		}
		sum.Generation, sum.Docs = base.Name, base.Docs
		return sum, nil
	}
	if err := w.finish(ctx, base); err != nil {
		return sum, err
	}
	sum.Generation, sum.Switched = w.name, true
	crashPoint("switched")
	pruned, perr := prune(p.dir, w.name, live)
	sum.Pruned = pruned
	if perr != nil {
		sum.Warnings = append(sum.Warnings, perr.Error())
	}
	return sum, nil
}

// pipeline runs walk → workers (hash, read, clean) → the writer, with
// bounded channels so that memory does not grow with the corpus.
func (p *plan) pipeline(ctx context.Context, srcs []corpus.Source, baseDocs map[string]baseDoc, w *writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan corpus.Source, p.workers*2)
	results := make(chan fileResult, p.workers*2)
	go func() {
		defer close(jobs)
		for _, s := range srcs {
			select {
			case jobs <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				r := processFile(ctx, s, baseDocs[corpus.DocumentID(s.Rel)].hash, p.fileTimeout, p.prepare)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	start := time.Now()
	pr := Progress{Total: len(srcs)}
	var werr error
	for r := range results {
		if werr == nil {
			werr = w.take(ctx, r)
			if werr != nil {
				cancel() // stop the workers; drain what they already sent
			}
		}
		pr.Done++
		switch {
		case r.skip != "":
			pr.Skipped++
		case r.unchanged:
			pr.Unchanged++
		default:
			pr.Indexed++
		}
		if p.progress != nil {
			pr.Elapsed = time.Since(start)
			p.progress(pr)
		}
	}
	if werr != nil {
		return werr
	}
	return ctx.Err()
}

// writer is the one goroutine that writes to the new generation. It creates
// the generation lazily, on the first change, so a build where nothing
// changed writes nothing at all.
type writer struct {
	p           *plan
	sum         *Summary
	base        bleve.Index
	baseDocs    map[string]baseDoc
	fingerprint string

	name    string
	idx     bleve.Index
	batch   *bleve.Batch
	bytes   int
	seen    map[string]bool // ids present in the new generation
	added   map[string]bool // ids written that were not in the base
	removed []string
	done    bool
	// inflight receives the results of the batches bleve is writing while
	// the next one fills, oldest first. bleve's Batch builds the segment in
	// the caller and waits until it is on disk; doing that in goroutines
	// of its own lets the workers clean the next pages meanwhile instead of
	// waiting, and two batches' segments can be built at once.
	inflight []chan error
}

// maxInflight is how many batches bleve may be writing at once while the
// writer fills the next: each holds its documents and their analysis in
// memory (at most maxBatchBytes of text each).
const maxInflight = 2

func (w *writer) take(ctx context.Context, r fileResult) error {
	switch {
	case r.skip != "":
		w.sum.Skipped = append(w.sum.Skipped, Skip{File: r.rel, Reason: r.skip})
		return nil
	case r.unchanged:
		w.seen[r.id] = true
		w.sum.Unchanged++
		return nil
	}
	if err := w.open(ctx); err != nil {
		return err
	}
	if r.capped {
		w.sum.Capped = append(w.sum.Capped, r.rel)
	}
	if err := IndexDocument(w.batch, r.doc); err != nil {
		w.sum.Skipped = append(w.sum.Skipped, Skip{File: r.rel, Reason: "index failed: " + err.Error()})
		return nil
	}
	w.seen[r.id] = true
	if _, ok := w.baseDocs[r.id]; !ok {
		w.added[r.id] = true
	}
	w.sum.Indexed++
	w.bytes += len(r.doc.Title) + len(r.doc.Body())
	if w.batch.Size() >= w.p.batchSize || w.bytes >= maxBatchBytes {
		return w.flush()
	}
	return nil
}

// flush hands the current batch to bleve in the background, after the
// previous one is written; the error of a batch is returned by the next
// flush or by wait.
func (w *writer) flush() error {
	if w.batch == nil || w.batch.Size() == 0 {
		return nil
	}
	if len(w.inflight) >= maxInflight {
		if err := w.waitOldest(); err != nil {
			return err
		}
	}
	b, idx, done := w.batch, w.idx, make(chan error, 1)
	w.inflight = append(w.inflight, done)
	go func() { done <- idx.Batch(b) }()
	// A new batch rather than Reset: scorch's analysis goroutine may still
	// be ranging over the old batch's map after Batch returns (a race the
	// race detector reports in bleve v2.6.3).
	w.batch = w.idx.NewBatch()
	w.bytes = 0
	return nil
}

// waitOldest waits for the oldest batch being written, with its error.
func (w *writer) waitOldest() error {
	err := <-w.inflight[0]
	w.inflight = w.inflight[1:]
	if err != nil {
		return fmt.Errorf("build: write batch to generation %s: %w", w.name, err)
	}
	return nil
}

// wait returns when no batch is being written, with the first error.
func (w *writer) wait() error {
	var first error
	for len(w.inflight) > 0 {
		if err := w.waitOldest(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// open creates the new generation: a copy of the base, or an empty index.
func (w *writer) open(ctx context.Context) error {
	if w.idx != nil {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build: create generation: %w", err)
	}
	w.name = newGenerationName(time.Now())
	gen := generationPath(w.p.dir, w.name)
	if err := os.MkdirAll(gen, 0o755); err != nil {
		return fmt.Errorf("build: create generation: %w", err)
	}
	if err := os.WriteFile(filepath.Join(gen, inuseFile), nil, 0o644); err != nil {
		return fmt.Errorf("build: create generation: %w", err)
	}
	path := filepath.Join(gen, bleveDir)
	var (
		idx bleve.Index
		err error
	)
	if w.base != nil {
		copier, ok := w.base.(bleve.IndexCopyable)
		if !ok {
			return fmt.Errorf("build: generation %s cannot be copied", w.sum.Base)
		}
		if err := copier.CopyTo(bleve.FileSystemDirectory(path)); err != nil {
			return fmt.Errorf("build: copy generation %s: %w", w.sum.Base, err)
		}
		idx, err = bleve.Open(path)
	} else {
		idx, err = bleve.NewUsing(path, NewMapping(), scorch.Name, scorch.Name,
			map[string]interface{}{"scorchMergePlanOptions": buildMergePlan})
	}
	if err != nil {
		// Not assigned to w.idx: a nil *indexImpl in the interface is not nil.
		return fmt.Errorf("build: open generation %s: %w", w.name, err)
	}
	w.idx = idx
	w.batch = w.idx.NewBatch()
	w.added = map[string]bool{}
	crashPoint("generation-open")
	return nil
}

// finish deletes removed documents, closes the generation, verifies it
// read-only and only then writes its manifest and makes it live.
func (w *writer) finish(ctx context.Context, base *Manifest) error {
	if err := w.open(ctx); err != nil {
		return err
	}
	for _, id := range w.removed {
		w.batch.Delete(id)
		if w.batch.Size() >= w.p.batchSize {
			if err := w.flush(); err != nil {
				return err
			}
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.wait(); err != nil {
		return err
	}
	err := w.idx.Close()
	w.idx = nil
	if err != nil {
		return fmt.Errorf("build: close generation %s: %w", w.name, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("build interrupted before verifying generation %s; the live index is unchanged: %w", w.name, err)
	}
	// Full builds only: merging an incremental build would rewrite the
	// whole archive to add a few pages.
	if w.base == nil {
		if err := mergeSegments(ctx, GenerationPath(w.p.dir, w.name)); err != nil {
			return fmt.Errorf("build: merge generation %s: %w", w.name, err)
		}
	}
	want := uint64(len(w.baseDocs) - len(w.removed) + len(w.added))
	if want == 0 {
		return fmt.Errorf("build %s: %w (%d files, %d skipped)", w.p.dir, ErrNothingIndexed, w.sum.Files, len(w.sum.Skipped))
	}
	if err := verify(ctx, GenerationPath(w.p.dir, w.name), want); err != nil {
		return fmt.Errorf("build: verify generation %s: %w", w.name, err)
	}
	m := Manifest{Name: w.name, Created: time.Now().UTC(), Docs: want, Corpus: w.p.corpus, Mapping: w.fingerprint}
	if base != nil {
		m.Base = base.Name
		if w.p.add && m.Corpus == "" {
			m.Corpus = base.Corpus
		}
	}
	if err := writeJSON(filepath.Join(generationPath(w.p.dir, w.name), manifestFile), m); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	crashPoint("manifest-written")
	if err := setLive(w.p.dir, w.name); err != nil {
		return fmt.Errorf("build: switch to generation %s: %w", w.name, err)
	}
	w.done = true
	w.sum.Docs = want
	return nil
}

// mergeSegments merges a closed generation into as few segments as the
// single-segment merge plan allows: a search then walks one dictionary and
// one postings list per term instead of one per segment (10–25 % on the
// scale benchmark), and a generation is never written again, so the merge
// is paid once. It runs on the closed index so every batch is on disk.
// Scorch keeps the merged-away files for its rollback snapshots, so the
// merged index is copied (its live segments only) over the folder.
func mergeSegments(ctx context.Context, path string) error {
	idx, err := bleve.Open(path)
	if err != nil {
		return err
	}
	adv, err := idx.Advanced()
	if err != nil {
		idx.Close()
		return err
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return idx.Close()
	}
	opts := finalMergePlan
	if err := sc.ForceMerge(ctx, &opts); err != nil {
		idx.Close()
		return err
	}
	copier, ok := idx.(bleve.IndexCopyable)
	if !ok {
		return idx.Close()
	}
	merged := path + ".merged"
	if err := copier.CopyTo(bleve.FileSystemDirectory(merged)); err != nil {
		idx.Close()
		os.RemoveAll(merged)
		return err
	}
	if err := idx.Close(); err != nil {
		os.RemoveAll(merged)
		return err
	}
	// A crash in between leaves a generation without a manifest, which the
	// next build deletes.
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	return os.Rename(merged, path)
}

// abandon deletes a generation that did not become live.
func (w *writer) abandon() {
	_ = w.wait() // the build already failed or succeeded; only let bleve finish
	if w.idx != nil {
		_ = w.idx.Close()
		w.idx = nil
	}
	if w.name == "" || w.done {
		return
	}
	// setLive can fail after its rename (syncing the folder); then LIVE
	// already names this generation and it must stay.
	if live, err := LiveGeneration(w.p.dir); err == nil && live == w.name {
		return
	}
	_ = removeAll(generationPath(w.p.dir, w.name))
}

// verify reopens a closed generation the way readers will and checks that
// it holds the documents it should and answers a query.
func verify(ctx context.Context, path string, want uint64) error {
	idx, err := bleve.OpenUsing(path, readOnly)
	if err != nil {
		return err
	}
	defer idx.Close()
	n, err := idx.DocCount()
	if err != nil {
		return err
	}
	if n != want {
		return fmt.Errorf("holds %d documents, want %d", n, want)
	}
	res, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false))
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if res.Total != want {
		return fmt.Errorf("query matched %d documents, want %d", res.Total, want)
	}
	return nil
}

// readHashes returns the content hash of every document of a generation.
func readHashes(ctx context.Context, idx bleve.Index) (map[string]baseDoc, error) {
	n, err := idx.DocCount()
	if err != nil {
		return nil, fmt.Errorf("read base hashes: %w", err)
	}
	out := make(map[string]baseDoc, n)
	const page = 5000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, 0, false)
		req.Fields = []string{FieldHash}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("read base hashes: %w", err)
		}
		for _, h := range res.Hits {
			hash, _ := h.Fields[FieldHash].(string)
			out[h.ID] = baseDoc{hash: hash}
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// mappingFingerprint identifies the mapping new generations are built with.
func mappingFingerprint() string {
	b, err := json.Marshal(NewMapping())
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// cleanLeftovers removes what a killed build left: generations without a
// manifest (never live), half-deleted ones and temporary files. It runs
// under the build lock, so no build is using them.
//
// The generation LIVE names is never a leftover, whatever its state: with
// its manifest lost it is still the index being served, and deleting it
// would leave nothing if this build then failed.
func cleanLeftovers(dir string) error {
	entries, err := os.ReadDir(generationsPath(dir))
	if err != nil {
		return fmt.Errorf("clean leftovers in %s: %w", dir, err)
	}
	live, _ := LiveGeneration(dir)
	for _, e := range entries {
		path := filepath.Join(generationsPath(dir), e.Name())
		if strings.HasPrefix(e.Name(), ".trash-") {
			if err := os.RemoveAll(path); err != nil {
				return fmt.Errorf("clean leftovers: %w", err)
			}
			continue
		}
		if !e.IsDir() || !validName(e.Name()) || e.Name() == live {
			continue
		}
		if _, err := os.Stat(filepath.Join(path, manifestFile)); err == nil {
			continue
		}
		if _, err := tryRemoveGeneration(dir, e.Name()); err != nil {
			return fmt.Errorf("clean leftovers: %w", err)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	for _, t := range tmps {
		_ = os.Remove(t)
	}
	return nil
}

// prune keeps the live generation and the one before it, and deletes older
// ones that no reader has open; those are retried by the next build.
// PruneUnused deletes the complete generations older than the one before
// the live one that no reader holds any more. A server calls it when it lets
// go of a generation, so that old generations do not wait for the next build
// to be deleted. It takes no build lock, so it never makes a build wait or
// fail: it leaves alone every generation a build could be writing or copying
// (any without a manifest, the live one and anything newer, the previous one)
// and one it cannot lock exclusively is in use and stays.
func PruneUnused(dir string) ([]string, error) {
	live, err := LiveGeneration(dir)
	if err != nil {
		return nil, err
	}
	names, err := listGenerations(dir)
	if err != nil {
		return nil, err
	}
	var complete []string // older than live, with a manifest, oldest first
	for _, n := range names {
		if n >= live {
			break
		}
		if _, err := ReadManifest(dir, n); err == nil {
			complete = append(complete, n)
		}
	}
	if len(complete) < 2 {
		return nil, nil
	}
	var pruned []string
	for _, n := range complete[:len(complete)-1] { // the newest is the previous one: kept
		ok, err := tryRemoveGeneration(dir, n)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a build's own prune got there first
		}
		if err != nil {
			return pruned, err
		}
		if ok {
			pruned = append(pruned, n)
		}
	}
	return pruned, nil
}

func prune(dir, live, previous string) ([]string, error) {
	names, err := listGenerations(dir)
	if err != nil {
		return nil, err
	}
	var pruned []string
	for _, n := range names {
		if n == live || n == previous {
			continue
		}
		ok, err := tryRemoveGeneration(dir, n)
		if err != nil {
			return pruned, err
		}
		if ok {
			pruned = append(pruned, n)
		}
	}
	return pruned, nil
}
