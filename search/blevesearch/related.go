package blevesearch

import (
	"context"
	"fmt"
	"math"
	"sort"

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
	terms, err := s.distinctiveTerms(ctx, doc.Title+"\n"+doc.Body())
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
