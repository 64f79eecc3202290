// Command policybench measures policysearch at archive scale, next to SQLite
// FTS5 on the same documents and queries in the same run, so a figure cannot
// flatter: it builds the index of a scale corpus (the pages
// ../shared/tools/make_scale_corpus.py writes) with the production pipeline,
// then runs a fixed query mix in process — each query's first answer from a
// freshly opened generation with every facet counted (cold), then repeated
// (warm) — and loads the documents the index holds into an FTS5 table and
// runs the same mix there: top 10 with snippets, every facet, the histogram.
//
// It uses only the API the first version of the search package had
// (indexer.Build, indexer.OpenLive, blevesearch.NewIndexSearcher, Request), so
// the same file builds at an older commit and the old and new code can be
// compared side by side (docs/benchmarks.md says how).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
	"github.com/policysearch/policysearch/search/blevesearch"
	"github.com/policysearch/policysearch/search/querymix"
)

type config struct {
	corpus  string // the scale corpus folder: html/ and docs.jsonl
	index   string // index folder; built when it has no live generation
	label   string
	out     string // JSON results file
	compare string // JSON results of another run, for old/new ratios
	warm    int    // repetitions of each query for the warm figures
	fts     bool
	ftsWarm int
	cpuProf string
	classes string
	rebuild bool
	ftsOnly bool
	urls    string
	idxProf string
}

func main() {
	var cfg config
	fs := flag.NewFlagSet("policybench", flag.ExitOnError)
	fs.StringVar(&cfg.corpus, "corpus", "", "scale corpus folder (html/ and docs.jsonl), as make_scale_corpus.py writes it")
	fs.StringVar(&cfg.index, "index", "", "index folder; built from the corpus when it has no live generation")
	fs.StringVar(&cfg.label, "label", "new", "name of this run in the results")
	fs.StringVar(&cfg.out, "out", "", "write the results as JSON to this file")
	fs.StringVar(&cfg.compare, "compare", "", "results JSON of another run (e.g. the old code) to print ratios against")
	fs.IntVar(&cfg.warm, "warm", 5, "repetitions of each query for the warm figures")
	fs.BoolVar(&cfg.fts, "fts", true, "also run the mix through SQLite FTS5")
	fs.IntVar(&cfg.ftsWarm, "fts-warm", 2, "repetitions of each FTS5 query for its warm figures")
	fs.StringVar(&cfg.cpuProf, "cpuprofile", "", "write a CPU profile of the policysearch query passes")
	fs.StringVar(&cfg.idxProf, "index-cpuprofile", "", "write a CPU profile of the index build")
	fs.StringVar(&cfg.classes, "classes", "", "comma-separated classes to run (default all)")
	fs.BoolVar(&cfg.rebuild, "rebuild", false, "rebuild the index even when it exists")
	fs.BoolVar(&cfg.ftsOnly, "fts-only", false, "run only the FTS5 side (to check its queries)")
	fs.StringVar(&cfg.urls, "urls", "", "also write the mix as /api/search paths to this file (for wrk, see scripts/bench-http.sh)")
	fs.Parse(os.Args[1:])
	if cfg.corpus == "" || cfg.index == "" {
		fmt.Fprintln(os.Stderr, "policybench: --corpus and --index are required")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "policybench:", err)
		os.Exit(1)
	}
}

// Results is what one run measured; -out writes it and -compare reads it.
type Results struct {
	Label      string  `json:"label"`
	Docs       uint64  `json:"docs"`
	IndexDocsS float64 `json:"index_docs_per_s,omitempty"`
	IndexTook  string  `json:"index_took,omitempty"`
	// IndexCPUDocsS is documents per second of CPU time the build used
	// (user+system, all cores): steadier than IndexDocsS on a shared
	// machine, where a build may get a fraction of the cores.
	IndexCPUDocsS float64 `json:"index_docs_per_cpu_s,omitempty"`
	// FirstAnswerMS is opening the live generation plus the first search
	// (a common word, every facet), as after a restart.
	FirstAnswerMS float64 `json:"first_answer_ms"`
	RSSAnonMB     float64 `json:"rss_anon_mb"`
	HeapMB        float64 `json:"heap_inuse_mb"`
	// Classes: per class, milliseconds.
	Classes []ClassFigures `json:"classes"`
}

// ClassFigures are the latencies of one query class.
type ClassFigures struct {
	Class   string  `json:"class"`
	N       int     `json:"n"`
	ColdP50 float64 `json:"cold_p50_ms"`
	ColdP99 float64 `json:"cold_p99_ms"`
	WarmP50 float64 `json:"warm_p50_ms"`
	WarmP99 float64 `json:"warm_p99_ms"`
	FTSP50  float64 `json:"fts5_p50_ms,omitempty"`
	FTSP99  float64 `json:"fts5_p99_ms,omitempty"`
	FTSWarm float64 `json:"fts5_warm_p50_ms,omitempty"`
}

func run(ctx context.Context, cfg config, w io.Writer) error {
	html := filepath.Join(cfg.corpus, "html")
	if _, err := os.Stat(html); err != nil {
		return fmt.Errorf("corpus: %w (build it with make_scale_corpus.py)", err)
	}
	res := Results{Label: cfg.label}
	if _, err := indexer.LiveGeneration(cfg.index); err != nil || cfg.rebuild {
		fmt.Fprintf(w, "indexing %s into %s …\n", html, cfg.index)
		if cfg.idxProf != "" {
			f, err := os.Create(cfg.idxProf)
			if err != nil {
				return err
			}
			pprof.StartCPUProfile(f)
		}
		cpu0 := cpuTime()
		sum, err := indexer.Build(ctx, indexer.BuildConfig{CorpusDir: html, IndexDir: cfg.index, Full: true})
		cpu := cpuTime() - cpu0
		if cfg.idxProf != "" {
			pprof.StopCPUProfile()
		}
		if err != nil {
			return fmt.Errorf("build: %w", err)
		}
		res.IndexDocsS = sum.DocsPerSecond()
		res.IndexTook = sum.Took.Round(time.Second).String()
		res.IndexCPUDocsS = float64(sum.Indexed) / cpu.Seconds()
		fmt.Fprintf(w, "indexed %d documents (%d skipped) in %s: %.0f docs/s; %s of CPU: %.0f docs per CPU-second\n", sum.Indexed, len(sum.Skipped), sum.Took.Round(time.Second), res.IndexDocsS, cpu.Round(time.Second), res.IndexCPUDocsS)
		// The build's garbage is not the server's memory.
		runtime.GC()
		debug.FreeOSMemory()
	}

	// First answer after a restart: open the generation, make a searcher
	// (as serve does), answer one common-word search with all facets.
	began := time.Now()
	idx, gen, release, err := indexer.OpenLive(cfg.index)
	if err != nil {
		return err
	}
	defer release()
	s := newSearcher(ctx, idx)
	first, err := s.Search(ctx, search.Request{Query: "senator"})
	if err != nil {
		return fmt.Errorf("first search: %w", err)
	}
	res.FirstAnswerMS = ms(time.Since(began))
	res.Docs, _ = idx.DocCount()
	fmt.Fprintf(w, "generation %s: %d documents; first answer after opening %.0f ms (%d hits)\n", gen, res.Docs, res.FirstAnswerMS, first.Total)

	mix, err := queryMix(ctx, s, cfg.classes)
	if err != nil {
		return err
	}

	if cfg.urls != "" {
		if err := writeURLs(cfg.urls, mix); err != nil {
			return err
		}
	}
	if cfg.cpuProf != "" {
		f, err := os.Create(cfg.cpuProf)
		if err != nil {
			return err
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	coldT, warmT := map[string][]time.Duration{}, map[string][]time.Duration{}
	if !cfg.ftsOnly {
		if err := searchPasses(ctx, idx, mix, cfg.warm, coldT, warmT); err != nil {
			return err
		}
	}
	if cfg.cpuProf != "" {
		pprof.StopCPUProfile()
	}
	res.RSSAnonMB, res.HeapMB = memory()

	var ftsT, ftsWarmT map[string][]time.Duration
	if cfg.fts {
		ftsT, ftsWarmT, err = runFTS(ctx, cfg, idx, gen, mix, w)
		if err != nil {
			return fmt.Errorf("fts5: %w", err)
		}
	}
	for _, class := range classOrder(mix) {
		c := ClassFigures{Class: class, N: len(coldT[class])}
		c.ColdP50, c.ColdP99 = querymix.PercentileMS(coldT[class], 50), querymix.PercentileMS(coldT[class], 99)
		c.WarmP50, c.WarmP99 = querymix.PercentileMS(warmT[class], 50), querymix.PercentileMS(warmT[class], 99)
		if ftsT != nil {
			c.FTSP50, c.FTSP99 = querymix.PercentileMS(ftsT[class], 50), querymix.PercentileMS(ftsT[class], 99)
			c.FTSWarm = querymix.PercentileMS(ftsWarmT[class], 50)
		}
		res.Classes = append(res.Classes, c)
	}
	report(w, res, cfg)
	if cfg.out != "" {
		b, _ := json.MarshalIndent(res, "", "  ")
		if err := os.WriteFile(cfg.out, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// searchPasses answers the mix on a fresh searcher (as a freshly opened
// generation has: no facet cache), each query once (cold), then warm times.
func searchPasses(ctx context.Context, idx bleve.Index, mix []benchQuery, warm int, coldT, warmT map[string][]time.Duration) error {
	cold := newSearcher(ctx, idx)
	for _, q := range mix {
		d, err := timeSearch(ctx, cold, q.Req)
		if err != nil {
			return fmt.Errorf("%s %q: %w", q.Class, q.Name, err)
		}
		coldT[q.Class] = append(coldT[q.Class], d)
	}
	for range warm {
		for _, q := range mix {
			d, err := timeSearch(ctx, cold, q.Req)
			if err != nil {
				return err
			}
			warmT[q.Class] = append(warmT[q.Class], d)
		}
	}
	return nil
}

// newSearcher makes the searcher serve would make for a generation and
// warms it when the searcher can be warmed (newer code does this before a
// generation goes live).
func newSearcher(ctx context.Context, idx bleve.Index) search.Searcher {
	s := blevesearch.NewIndexSearcher(idx)
	if wm, ok := any(s).(interface{ Warm(context.Context) error }); ok {
		if err := wm.Warm(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "warm:", err)
		}
	}
	return s
}

func timeSearch(ctx context.Context, s search.Searcher, req search.Request) (time.Duration, error) {
	t := time.Now()
	_, err := s.Search(ctx, req)
	return time.Since(t), err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// memory reads the process's anonymous resident memory (Linux) and the Go
// heap in use, after a collection.
func memory() (rssAnon, heap float64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	heap = float64(m.HeapInuse) / (1 << 20)
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "RssAnon:") {
				var kb float64
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "RssAnon:")), "%f", &kb)
				rssAnon = kb / 1024
			}
		}
	}
	return rssAnon, heap
}

func classOrder(mix []benchQuery) []string {
	var out []string
	for _, q := range mix {
		if !slices.Contains(out, q.Class) {
			out = append(out, q.Class)
		}
	}
	return out
}

func report(w io.Writer, res Results, cfg config) {
	var old *Results
	if cfg.compare != "" {
		b, err := os.ReadFile(cfg.compare)
		if err == nil {
			old = &Results{}
			if json.Unmarshal(b, old) != nil {
				old = nil
			}
		}
	}
	fmt.Fprintf(w, "\n%s: %d documents, first answer %.0f ms, anonymous memory %.0f MB (Go heap %.0f MB)", res.Label, res.Docs, res.FirstAnswerMS, res.RSSAnonMB, res.HeapMB)
	if res.IndexDocsS > 0 {
		fmt.Fprintf(w, ", indexing %.0f docs/s (%.0f per CPU-second)", res.IndexDocsS, res.IndexCPUDocsS)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-12s %4s %9s %9s %9s %9s %9s %9s %9s %8s", "class", "n", "cold p50", "cold p99", "warm p50", "warm p99", "fts5 p50", "fts5 p99", "fts5 warm", "fts5/us")
	if old != nil {
		fmt.Fprintf(w, " %10s %10s %9s", old.Label+" p50", old.Label+" p99", "speed-up")
	}
	fmt.Fprintln(w)
	for _, c := range res.Classes {
		ratio := 0.0
		if c.ColdP50 > 0 {
			ratio = c.FTSP50 / c.ColdP50
		}
		fmt.Fprintf(w, "%-12s %4d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %7.1fx", c.Class, c.N, c.ColdP50, c.ColdP99, c.WarmP50, c.WarmP99, c.FTSP50, c.FTSP99, c.FTSWarm, ratio)
		if old != nil {
			for _, o := range old.Classes {
				if o.Class == c.Class {
					fmt.Fprintf(w, " %10.2f %10.2f %8.1fx", o.ColdP50, o.ColdP99, o.ColdP50/c.ColdP50)
				}
			}
		}
		fmt.Fprintln(w)
	}
}

// benchQuery is one request of the mix.
type benchQuery = querymix.Query

// queryMix is the benchmarks' mix, cut to the classes in only (comma-separated;
// "" keeps all).
func queryMix(ctx context.Context, s search.Searcher, only string) ([]benchQuery, error) {
	mix, err := querymix.Build(ctx, s)
	if err != nil {
		return nil, err
	}
	if only != "" {
		keep := strings.Split(only, ",")
		mix = slices.DeleteFunc(mix, func(q benchQuery) bool { return !slices.Contains(keep, q.Class) })
	}
	return mix, nil
}

// writeURLs writes each request of the mix as an /api/search path.
func writeURLs(path string, mix []benchQuery) error {
	var b strings.Builder
	for _, q := range mix {
		v := url.Values{}
		if q.Req.Query != "" {
			v.Set("q", q.Req.Query)
		}
		for _, s := range q.Req.Sources {
			v.Add("source", s)
		}
		for _, p := range q.Req.Places {
			v.Add("place", p)
		}
		if !q.Req.From.IsZero() {
			v.Set("from", q.Req.From.Format("2006-01-02"))
			v.Set("to", q.Req.To.Format("2006-01-02"))
		}
		if q.Req.Sort != "" {
			v.Set("sort", string(q.Req.Sort))
		}
		b.WriteString("/api/search?" + v.Encode() + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
