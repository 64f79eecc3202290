package indexer

import (
	"fmt"
	"hash/maphash"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// textChain runs the token chain chainConfig declares, giving the same
// tokens (terms, offsets, positions, types) with less work per token, which
// matters because every article's title and body go through it at build
// time (a fifth of a build's CPU):
//
//   - cjk_width rebuilds every term from its runes (two allocations per
//     token) although it changes only characters between U+FF01 and U+FF9F.
//     Here a term that holds none of them keeps its bytes; only the others
//     go through bleve's filter. Because cjk_width's copy is what kept the
//     in-place lowercase filter from writing into the caller's text (a
//     stored field), the chain tokenizes a copy of its input instead.
//   - The English stemmer (snowball) is a pure function of the term; its
//     results are kept in stems, a bounded table shared by every analysis,
//     so a frequent word is stemmed once rather than at every occurrence.
//
// TestTextChainMatchesDeclared checks it against the declared chain run by
// bleve on the demo articles and on edge cases.
type textChain struct {
	tokenizer analysis.Tokenizer
	width     analysis.TokenFilter
	after     []analysis.TokenFilter // possessive … stop, as in chainConfig
	stem      *stemCache
}

func newTextChain(cache *registry.Cache) (*textChain, error) {
	tok, err := cache.TokenizerNamed(unicodetok.Name)
	if err != nil {
		return nil, err
	}
	width, err := cache.TokenFilterNamed(cjk.WidthName)
	if err != nil {
		return nil, err
	}
	c := &textChain{tokenizer: tok, width: width}
	for _, name := range []string{en.PossessiveName, lowercase.Name, scriptSplitName, cjk.BigramName, en.StopName} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			return nil, fmt.Errorf("filter %s: %w", name, err)
		}
		c.after = append(c.after, f)
	}
	stem, err := cache.TokenFilterNamed(en.SnowballStemmerName)
	if err != nil {
		return nil, fmt.Errorf("latin stemmer: %w", err)
	}
	c.stem = &stemCache{inner: stem, seed: maphash.MakeSeed()}
	return c, nil
}

func (c *textChain) Analyze(input []byte) analysis.TokenStream {
	// Offsets refer to the copy, which has the input's bytes.
	buf := make([]byte, len(input))
	copy(buf, input)
	toks := c.tokenizer.Tokenize(buf)
	one := make(analysis.TokenStream, 1)
	for _, tok := range toks {
		if widthKeeps(tok.Term) {
			continue
		}
		one[0] = tok
		c.width.Filter(one)
	}
	for _, f := range c.after {
		toks = f.Filter(toks)
	}
	for _, tok := range toks {
		if tok.Type != analysis.AlphaNumeric || tok.KeyWord || !isLatin(tok.Term) {
			continue
		}
		tok.Term = c.stem.stem(tok.Term)
	}
	return toks
}

// widthKeeps reports a term whose bytes cjk_width would give back
// unchanged: valid UTF-8 (the filter turns invalid bytes into U+FFFD)
// without a character of U+F000–U+FFFF, the only ones it maps, all encoded
// with a first byte 0xEF.
func widthKeeps(term []byte) bool {
	for _, b := range term {
		if b >= utf8.RuneSelf {
			goto slow
		}
	}
	return true
slow:
	for _, b := range term {
		if b == 0xEF {
			return false
		}
	}
	return utf8.Valid(term)
}

// Stems are remembered for words of at most maxStemmed bytes, in
// stemSlots slots (a new word takes the slot of the one with the same
// hash): enough for the vocabulary that makes up most of the running text.
const (
	maxStemmed = 24
	stemSlots  = 1 << 16
)

// stemCache remembers the stemmer's output by term. Lookups and stores are
// single atomic pointer operations, so the analysis goroutines share it
// without a lock. The stem bytes it returns are shared by every token of
// that word, in every analysis: a term TextAnalyzer gives must never be
// changed in place (nothing after the stemmer does: the pair filter and
// bleve copy them, and the capacity is clipped so an append copies too).
type stemCache struct {
	inner analysis.TokenFilter
	seed  maphash.Seed
	slots [stemSlots]atomic.Pointer[stemEntry]
}

type stemEntry struct {
	term string
	stem []byte
}

func (c *stemCache) stem(term []byte) []byte {
	if len(term) > maxStemmed {
		return c.run(term)
	}
	slot := &c.slots[maphash.Bytes(c.seed, term)%stemSlots]
	if e := slot.Load(); e != nil && e.term == string(term) {
		return e.stem
	}
	stem := c.run(term)
	e := &stemEntry{term: string(term), stem: stem[:len(stem):len(stem)]}
	slot.Store(e)
	return e.stem
}

// run stems one term with bleve's filter (which works on tokens in place).
func (c *stemCache) run(term []byte) []byte {
	tok := analysis.Token{Term: term}
	c.inner.Filter(analysis.TokenStream{&tok})
	return tok.Term
}
