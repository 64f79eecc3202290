package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	_ "modernc.org/sqlite" // pure-Go SQLite with FTS5: the yardstick

	"github.com/policysearch/policysearch/indexer"
)

// The FTS5 side gets exactly the documents the index holds (title, body,
// source, day, organizations, places, people as the pipeline extracted
// them), read back from the generation, so both answer over the same data
// with the same facets. Its answer to a request is what ours is: the total,
// the top 10 by bm25 (title weighted 3, as ours) with snippets, the counts
// of organizations, places, people and sources (a filtered facet counted
// without its own filter) and the months of the histogram.
func runFTS(ctx context.Context, cfg config, idx bleve.Index, gen string, mix []benchQuery, w io.Writer) (cold, warm map[string][]time.Duration, err error) {
	path := filepath.Join(cfg.index, "fts5-"+gen+".db")
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(w, "loading the generation's documents into FTS5 (%s) …\n", path)
		t := time.Now()
		if err := loadFTS(ctx, idx, path); err != nil {
			os.Remove(path)
			return nil, nil, err
		}
		fmt.Fprintf(w, "FTS5 loaded in %s\n", time.Since(t).Round(time.Second))
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	cold, warm = map[string][]time.Duration{}, map[string][]time.Duration{}
	for pass := 0; pass <= cfg.ftsWarm; pass++ {
		for _, q := range mix {
			t := time.Now()
			if err := ftsSearch(ctx, conn, q); err != nil {
				return nil, nil, fmt.Errorf("%s %q: %w", q.Class, q.Name, err)
			}
			if pass == 0 {
				cold[q.Class] = append(cold[q.Class], time.Since(t))
			} else {
				warm[q.Class] = append(warm[q.Class], time.Since(t))
			}
		}
	}
	return cold, warm, nil
}

const (
	kindOrg = iota
	kindPlace
	kindPerson
)

func loadFTS(ctx context.Context, idx bleve.Index, path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range []string{
		`PRAGMA journal_mode=OFF`, `PRAGMA synchronous=OFF`,
		`CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='porter unicode61')`,
		// Values as integers (as our ordinals), clustered by document so
		// counting the facets of a match set is a range scan per hit.
		`CREATE TABLE meta(id INTEGER PRIMARY KEY, source INTEGER, day INTEGER, month INTEGER)`,
		`CREATE TABLE ent(doc INTEGER, kind INTEGER, val INTEGER, PRIMARY KEY(doc, kind, val)) WITHOUT ROWID`,
		`CREATE TABLE names(id INTEGER PRIMARY KEY, name TEXT UNIQUE)`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insFTS, _ := tx.PrepareContext(ctx, `INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)`)
	insMeta, _ := tx.PrepareContext(ctx, `INSERT INTO meta(id, source, day, month) VALUES(?, ?, ?, ?)`)
	insEnt, _ := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO ent(doc, kind, val) VALUES(?, ?, ?)`)
	insName, _ := tx.PrepareContext(ctx, `INSERT INTO names(id, name) VALUES(?, ?)`)
	names := map[string]int{}
	nameID := func(name string) (int, error) {
		if id, ok := names[name]; ok {
			return id, nil
		}
		id := len(names) + 1
		names[name] = id
		_, err := insName.ExecContext(ctx, id, name)
		return id, err
	}
	dayNum := func(day string, n int) int {
		var v int
		for _, r := range day[:min(len(day), n)] {
			if r >= '0' && r <= '9' {
				v = v*10 + int(r-'0')
			}
		}
		return v
	}
	const page = 1000
	var after []string
	row := 0
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortDocID{}})
		req.Fields = []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldSource, indexer.FieldDay, indexer.FieldOrg, indexer.FieldPlace, indexer.FieldPerson}
		if after != nil {
			req.SearchAfter = after
		}
		res, err := idx.SearchInContext(ctx, req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			row++
			str := func(f string) string {
				v := indexer.StoredStrings(h.Fields[f])
				if len(v) == 0 {
					return ""
				}
				return v[0]
			}
			day := str(indexer.FieldDay)
			month := ""
			if len(day) >= 7 {
				month = day[:7]
			}
			if _, err := insFTS.ExecContext(ctx, row, str(indexer.FieldTitle), str(indexer.FieldBody)); err != nil {
				return err
			}
			src, err := nameID(str(indexer.FieldSource))
			if err != nil {
				return err
			}
			if _, err := insMeta.ExecContext(ctx, row, src, dayNum(day, 10), dayNum(month, 7)); err != nil {
				return err
			}
			for kind, f := range []string{indexer.FieldOrg, indexer.FieldPlace, indexer.FieldPerson} {
				for _, name := range indexer.StoredStrings(h.Fields[f]) {
					id, err := nameID(name)
					if err != nil {
						return err
					}
					if _, err := insEnt.ExecContext(ctx, row, kind, id); err != nil {
						return err
					}
				}
			}
		}
		if len(res.Hits) < page {
			break
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, s := range []string{
		`CREATE INDEX ent_kind_val ON ent(kind, val, doc)`,
		`CREATE INDEX meta_source ON meta(source)`, `CREATE INDEX meta_day ON meta(day)`,
		`INSERT INTO fts(fts) VALUES('optimize')`, `ANALYZE`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}

// ftsMatch writes the words as an FTS5 query: each word quoted (all must
// match) or the phrase quoted whole.
func ftsMatch(q benchQuery) string {
	if q.Phrase {
		return `"` + strings.Join(q.Words, " ") + `"`
	}
	parts := make([]string, len(q.Words))
	for i, w := range q.Words {
		parts[i] = `"` + w + `"`
	}
	return strings.Join(parts, " ")
}

// ftsSearch answers one request the way Search does.
func ftsSearch(ctx context.Context, conn *sql.Conn, q benchQuery) error {
	var base string
	var args []any
	if len(q.Words) > 0 {
		base = `SELECT rowid AS id FROM fts WHERE fts MATCH ?`
		args = append(args, ftsMatch(q))
	} else {
		base = `SELECT id FROM meta WHERE 1`
	}
	// filters returns the conditions for every filter except skip.
	filters := func(skip string) (string, []any) {
		var conds []string
		var a []any
		if len(q.Req.Sources) > 0 && skip != "source" {
			conds = append(conds, `meta.source = (SELECT id FROM names WHERE name = ?)`)
			a = append(a, q.Req.Sources[0])
		}
		if len(q.Req.Places) > 0 && skip != "place" {
			conds = append(conds, fmt.Sprintf(`EXISTS (SELECT 1 FROM ent WHERE ent.doc = f.id AND ent.kind = %d AND ent.val = (SELECT id FROM names WHERE name = ?))`, kindPlace))
			a = append(a, q.Req.Places[0])
		}
		if !q.Req.From.IsZero() {
			conds = append(conds, `meta.day BETWEEN ? AND ?`)
			a = append(a, q.Req.From.Format("20060102"), q.Req.To.Format("20060102"))
		}
		if len(conds) == 0 {
			return "", nil
		}
		return " AND " + strings.Join(conds, " AND "), a
	}
	exec := func(s string, a ...any) error {
		t := time.Now()
		_, err := conn.ExecContext(ctx, s, a...)
		if os.Getenv("FTS_TRACE") != "" {
			fmt.Fprintf(os.Stderr, "%8.1f ms %s\n", ms(time.Since(t)), s)
		}
		return err
	}
	defer exec(`DROP TABLE IF EXISTS temp.m`)
	defer exec(`DROP TABLE IF EXISTS temp.mu`)
	cond, cargs := filters("")
	if err := exec(`CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)`); err != nil {
		return err
	}
	if err := exec(`INSERT INTO m SELECT f.id FROM (`+base+`) f CROSS JOIN meta ON meta.id = f.id WHERE 1`+cond, append(append([]any{}, args...), cargs...)...); err != nil {
		return err
	}
	var total int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM m`).Scan(&total); err != nil {
		return err
	}
	// The ten best: ranked over the matches (a filtered request checks
	// the match table, which has the filters), then the snippets of those
	// ten only. FTS5 evaluates "rowid IN (…)" by re-running the match for
	// every listed row, so the filter goes through EXISTS instead.
	var ids []int64
	var top string
	if len(q.Words) > 0 {
		top = `SELECT rowid FROM fts WHERE fts MATCH ?`
		if cond != "" {
			top += ` AND EXISTS (SELECT 1 FROM m WHERE m.id = fts.rowid)`
		}
		top += ` ORDER BY bm25(fts, 3.0, 1.0) LIMIT 10`
	} else {
		top = `SELECT meta.id FROM m CROSS JOIN meta ON meta.id = m.id ORDER BY meta.day DESC LIMIT 10`
	}
	rows, err := conn.QueryContext(ctx, top, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if len(q.Words) > 0 {
			err = drain(ctx, conn, `SELECT title, snippet(fts, 1, '<mark>', '</mark>', '…', 30) FROM fts WHERE fts MATCH ? AND rowid = ?`, args[0], id)
		} else {
			err = drain(ctx, conn, `SELECT title, substr(body, 1, 220) FROM fts WHERE rowid = ?`, id)
		}
		if err != nil {
			return err
		}
	}
	// A ticked facet is counted without its own filter. CROSS JOIN keeps
	// the match table outside (SQLite's planner otherwise may scan the
	// whole entity table for a handful of hits).
	facetTable := func(skip string) (string, error) {
		if (skip == "source" && len(q.Req.Sources) == 0) || (skip == "place" && len(q.Req.Places) == 0) {
			return "m", nil
		}
		c, a := filters(skip)
		if err := exec(`DROP TABLE IF EXISTS temp.mu`); err != nil {
			return "", err
		}
		if err := exec(`CREATE TEMP TABLE mu(id INTEGER PRIMARY KEY)`); err != nil {
			return "", err
		}
		return "mu", exec(`INSERT INTO mu SELECT f.id FROM (`+base+`) f CROSS JOIN meta ON meta.id = f.id WHERE 1`+c, append(append([]any{}, args...), a...)...)
	}
	for kind := kindOrg; kind <= kindPerson; kind++ {
		t := "m"
		if kind == kindPlace {
			var err error
			if t, err = facetTable("place"); err != nil {
				return err
			}
		}
		if err := drain(ctx, conn, fmt.Sprintf(`SELECT n.name, t.c FROM (SELECT e.val, count(*) AS c FROM %s CROSS JOIN ent e ON e.doc = %s.id AND e.kind = %d GROUP BY e.val ORDER BY c DESC LIMIT 30) t JOIN names n ON n.id = t.val`, t, t, kind)); err != nil {
			return err
		}
	}
	t, err := facetTable("source")
	if err != nil {
		return err
	}
	if err := drain(ctx, conn, fmt.Sprintf(`SELECT n.name, t.c FROM (SELECT meta.source, count(*) AS c FROM %s CROSS JOIN meta ON meta.id = %s.id GROUP BY meta.source ORDER BY c DESC LIMIT 30) t JOIN names n ON n.id = t.source`, t, t)); err != nil {
		return err
	}
	if total > 0 {
		return drain(ctx, conn, `SELECT meta.month, count(*) FROM m CROSS JOIN meta ON meta.id = m.id WHERE meta.month > 0 GROUP BY meta.month`)
	}
	return nil
}

// drain runs a query and reads every row, as a result page would.
func drain(ctx context.Context, conn *sql.Conn, q string, args ...any) error {
	if os.Getenv("FTS_TRACE") != "" {
		t := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "%8.1f ms %s\n", ms(time.Since(t)), q) }()
	}
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
