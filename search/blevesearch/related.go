package blevesearch

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer"
	"github.com/policysearch/policysearch/search"
)

// How "more like this" picks its query terms: the words of the document that
// are frequent in it and rare in the index, the way Lucene's MoreLikeThis
// does, plus its organizations, which analysts read as the topic.
const (
	relatedTerms     = 25 // most distinctive terms kept
	relatedMinLength = 3  // shorter terms (particles, "5g" aside) say little
	relatedMaxDocs   = 0.3
	// relatedTextBytes bounds the text whose terms are weighed: the title
	// and the body's beginning. A news article says what it is about in
	// its first pages (32 KiB is some 5,000 English words, the number of
	// tokens Lucene's MoreLikeThis reads by default); analysing a page of
	// megabytes on every view of it cost ~370 MB and most of a second.
	relatedTextBytes = 32 << 10
)

// Related returns up to n documents most like the one with the given id,
// best first, never the document itself. It is the article page's "related
// articles" list.
func (s *IndexSearcher) Related(ctx context.Context, id string, n int) ([]search.Hit, error) {
	doc, err := s.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if n <= 0 || n > search.MaxSize {
		n = search.DefaultSize
	}
	terms, err := s.distinctiveTerms(ctx, relatedText(doc, relatedTextBytes))
	if err != nil {
		return nil, fmt.Errorf("related %q: %w", id, err)
	}
	var should []query.Query
	for _, t := range terms {
		q := bleve.NewTermQuery(t.term)
		q.SetField(indexer.FieldBody)
		q.SetBoost(t.weight)
		should = append(should, q)
	}
	for _, org := range doc.Names(corpus.Organization) {
		q := bleve.NewTermQuery(org)
		q.SetField(indexer.FieldOrg)
		q.SetBoost(2)
		should = append(should, q)
	}
	if len(should) == 0 {
		return nil, nil
	}
	like := bleve.NewDisjunctionQuery(should...)
	b := bleve.NewBooleanQuery()
	b.AddMust(like)
	b.AddMustNot(bleve.NewDocIDQuery([]string{id}))
	req := bleve.NewSearchRequestOptions(b, n, 0, false)
	req.Fields = []string{indexer.FieldTitle, indexer.FieldURL, indexer.FieldLang, indexer.FieldDay}
	for _, f := range search.Registry {
		req.Fields = append(req.Fields, f.Field)
	}
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("related %q: %w", id, err)
	}
	hits := make([]search.Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		hits = append(hits, toHit(h, false))
	}
	return hits, nil
}

// relatedText is the document's title and as much of its body, paragraph
// by paragraph, as fits in limit bytes; a paragraph that does not fit whole
// is cut at the last space before the limit (or, with none, at a character
// boundary), so that no word is cut in two.
func relatedText(doc *corpus.Document, limit int) string {
	var b strings.Builder
	b.Grow(min(limit, len(doc.Title)+len(doc.Paragraphs)*2+bodyLen(doc, limit)))
	b.WriteString(truncateText(doc.Title, limit))
	for _, p := range doc.Paragraphs {
		room := limit - b.Len() - 2
		if room <= 0 {
			break
		}
		part := truncateText(p, room)
		if part == "" {
			break
		}
		b.WriteString("\n\n")
		b.WriteString(part)
	}
	return b.String()
}

// bodyLen is the length of the body's paragraphs, counted up to limit.
func bodyLen(doc *corpus.Document, limit int) int {
	n := 0
	for _, p := range doc.Paragraphs {
		if n += len(p); n >= limit {
			return limit
		}
	}
	return n
}

// truncateText cuts s to at most n bytes: at the last space within them;
// at the last character boundary when s has no spaces (Korean, Japanese
// and Chinese text may have none); to nothing when its first word does
// not fit.
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > 0 {
		return s[:sp]
	}
	if strings.IndexByte(s, ' ') >= 0 {
		return ""
	}
	return s[:cut]
}

type weightedTerm struct {
	term   string
	weight float64
}

// distinctiveTerms analyzes text as the index does and weighs each term by
// its frequency in the text times its inverse document frequency in the
// body field; terms in more than relatedMaxDocs of the documents are left out.
func (s *IndexSearcher) distinctiveTerms(ctx context.Context, text string) ([]weightedTerm, error) {
	an := s.idx.Mapping().AnalyzerNamed(indexer.TextAnalyzer)
	if an == nil {
		return nil, fmt.Errorf("no analyzer %q", indexer.TextAnalyzer)
	}
	tf := map[string]int{}
	for _, tok := range an.Analyze([]byte(text)) {
		if len(tok.Term) < relatedMinLength { // bytes: every CJK bigram passes
			continue
		}
		tf[string(tok.Term)]++
	}
	adv, err := s.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	total, err := r.DocCount()
	if err != nil || total == 0 {
		return nil, err
	}
	var out []weightedTerm
	for term, f := range tf {
		tfr, err := r.TermFieldReader(ctx, []byte(term), indexer.FieldBody, false, false, false)
		if err != nil {
			return nil, err
		}
		df := tfr.Count()
		tfr.Close()
		if df == 0 || float64(df) > relatedMaxDocs*float64(total) && total > 10 {
			continue
		}
		idf := 1 + math.Log(float64(total)/float64(df+1))
		out = append(out, weightedTerm{term: term, weight: float64(f) * idf})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].term < out[j].term
	})
	if len(out) > relatedTerms {
		out = out[:relatedTerms]
	}
	// Boosts relative to the best term keep scores comparable across documents.
	if len(out) > 0 {
		top := out[0].weight
		for i := range out {
			out[i].weight /= top
		}
	}
	return out, nil
}
