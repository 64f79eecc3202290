package search

// Search as you type: a query still being typed is parsed leniently
// (ParseQueryTyping) and its last word also matches the words it begins.
// This file holds the bleve side of that, kept apart from how whole words
// and phrases become bleve queries (index.go), which it reuses.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/policysearch/policysearch/indexer"
)

// maxPrefixTerms bounds the words a typed prefix expands to, the most
// common first: "co" begins thousands of words in a large archive, and a
// query of thousands of terms would cost more than the keystroke is worth.
const maxPrefixTerms = 50

// parseRequestQuery parses req.Query strictly, or leniently when the
// request says it is still being typed.
func parseRequestQuery(req Request) (*Query, error) {
	if req.Typing {
		return ParseQueryTyping(req.Query)
	}
	return ParseQuery(req.Query)
}

// prefixFields are the index fields a prefix expands in, with the boosts
// whole words get there (see termQuery).
func prefixFields(field string) ([]string, []float64) {
	switch field {
	case FieldAny:
		return []string{indexer.FieldTitle, indexer.FieldBody, indexer.FieldAliases}, []float64{boostTitle, boostBody, boostAliases}
	case FieldTitle:
		return []string{indexer.FieldTitle}, []float64{1}
	case FieldBody:
		return []string{indexer.FieldBody}, []float64{1}
	}
	return nil, nil
}

// prefixTermQuery matches a term whose last word is still being typed: the
// term as typed (as termQuery reads it), or with its last word replaced by
// any of the most common indexed words it begins. For a phrase in progress
// ("Open RA) the phrase's other words must come first, in order.
func (s *IndexSearcher) prefixTermQuery(t Term) (query.Query, error) {
	exact := t
	exact.Prefix = false
	eq, err := s.termQuery(exact)
	if err != nil {
		return nil, err
	}
	fields, boosts := prefixFields(t.Field)
	words := strings.Fields(t.Text)
	if fields == nil || len(words) == 0 {
		return eq, nil
	}
	expansions, err := s.prefixTerms(strings.ToLower(words[len(words)-1]))
	if err != nil {
		return nil, err
	}
	if len(expansions) == 0 {
		return eq, nil
	}
	var head [][]string
	if len(words) > 1 {
		head = s.positions(strings.Join(words[:len(words)-1], " "))
	}
	var alts []query.Query
	if eq != nil {
		alts = append(alts, eq)
	}
	for i, f := range fields {
		if len(head) == 0 {
			for _, term := range expansions {
				tq := bleve.NewTermQuery(term)
				tq.SetField(f)
				tq.SetBoost(boosts[i])
				alts = append(alts, tq)
			}
			continue
		}
		phrase := append(append([][]string{}, head...), expansions)
		pq := query.NewMultiPhraseQuery(phrase, f)
		pq.SetBoost(boosts[i])
		alts = append(alts, pq)
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// prefixTerms lists the indexed body words that begin with prefix, the
// most common first, at most maxPrefixTerms. Body words are stemmed, so
// "semicond" finds "semiconductor", which "semiconductors" is indexed as.
func (s *IndexSearcher) prefixTerms(prefix string) ([]string, error) {
	if prefix == "" {
		return nil, nil
	}
	dict, err := s.idx.FieldDictPrefix(indexer.FieldBody, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("words beginning %q: %w", prefix, err)
	}
	type entry struct {
		term  string
		count uint64
	}
	var all []entry
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, fmt.Errorf("words beginning %q: %w", prefix, err)
		}
		if e == nil {
			break
		}
		all = append(all, entry{e.Term, e.Count})
	}
	if err := dict.Close(); err != nil {
		return nil, fmt.Errorf("words beginning %q: %w", prefix, err)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].count > all[j].count })
	out := make([]string, 0, min(len(all), maxPrefixTerms))
	for i := 0; i < len(all) && i < maxPrefixTerms; i++ {
		out = append(out, all[i].term)
	}
	return out, nil
}
