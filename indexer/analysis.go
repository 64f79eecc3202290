package indexer

import (
	"fmt"
	"hash/maphash"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// TextAnalyzer is the analyzer of every full-text field (title, body,
// aliases). Articles mix scripts — an English release quotes "과기정통부", a
// Korean story says "KDDI와" — so rather than one analyzer per language the
// analyzer routes each token by script: Latin words are stemmed as English,
// Han and Kana runs become bigrams (bleve's cjk_bigram) and Hangul runs
// become bigrams through hangulBigramFilter, because bleve's tokenizer keeps a
// Hangul run such as "과학기술정보통신부는" as one word and the particle glued
// to its end would otherwise hide the noun from every query.
const TextAnalyzer = "policy_text"

// PhraseAnalyzer indexes the phrases field: TextAnalyzer's tokens joined in
// adjacent pairs ("open ran", "半導 導体"), so a two-word phrase is one term
// to look up rather than two postings lists whose positions must be
// compared (Elasticsearch's index_phrases does the same).
const PhraseAnalyzer = "policy_phrases"

// Names of the token filters and the analyzer type registered by this
// package.
const (
	scriptSplitName = "policy_script_split"
	latinStemName   = "policy_latin_stem"
	pairsName       = "policy_pairs"
	sharedName      = "policy_shared"
)

// PairSeparator joins the two terms of a phrases-field term.
const PairSeparator = " "

func init() {
	if err := registry.RegisterTokenFilter(scriptSplitName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return scriptSplitFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(pairsName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return pairFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(sharedName, newSharedAnalyzer); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenFilter(latinStemName, func(_ map[string]interface{}, cache *registry.Cache) (analysis.TokenFilter, error) {
		stem, err := cache.TokenFilterNamed(en.SnowballStemmerName)
		if err != nil {
			return nil, fmt.Errorf("latin stemmer: %w", err)
		}
		return latinOnlyFilter{inner: stem}, nil
	}); err != nil {
		panic(err)
	}
}

// textAnalyzerConfig is the custom analyzer definition added to the mapping.
func textAnalyzerConfig() map[string]interface{} {
	return map[string]interface{}{"type": sharedName, "pairs": false}
}

// phraseAnalyzerConfig is TextAnalyzer followed by the pair filter.
func phraseAnalyzerConfig() map[string]interface{} {
	return map[string]interface{}{"type": sharedName, "pairs": true}
}

// chainConfig declares the token chain of TextAnalyzer. textChain runs it
// with less work per token (see there); TestTextChainMatchesDeclared runs
// this declaration through bleve and requires the same tokens.
func chainConfig() map[string]interface{} {
	return map[string]interface{}{
		"type":      custom.Name,
		"tokenizer": unicodetok.Name,
		"token_filters": []string{
			cjk.WidthName,     // full-width Latin and half-width Kana to their usual forms
			en.PossessiveName, // "KDDI's" → "KDDI"
			lowercase.Name,    // before the script split so Latin runs cut out of Hangul are lowercased too
			scriptSplitName,   // Hangul runs → bigrams; Han/Kana cut out of mixed tokens
			cjk.BigramName,    // Han and Kana runs → bigrams
			en.StopName,       // "the", "of": only ever Latin
			latinStemName,     // "chips" → "chip", Latin tokens only
		},
	}
}

// sharedAnalyzer runs the text chain, or with pairs reuses the tokens the
// chain just gave for the same text: bleve analyzes a document's fields one
// after the other, so the phrases field (title and body again) finds the
// title's and body's tokens in recentTokens and only pairs them, instead of
// tokenizing and stemming every article twice.
type sharedAnalyzer struct {
	chain analysis.Analyzer
	pairs bool
}

func newSharedAnalyzer(config map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
	chain, err := newTextChain(cache)
	if err != nil {
		return nil, fmt.Errorf("text chain: %w", err)
	}
	pairs, _ := config["pairs"].(bool)
	return &sharedAnalyzer{chain: chain, pairs: pairs}, nil
}

func (a *sharedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	if !a.pairs {
		toks := a.chain.Analyze(input)
		recent.put(input, toks)
		return toks
	}
	toks, ok := recent.get(input)
	if !ok {
		toks = a.chain.Analyze(input)
	}
	return pairFilter{}.Filter(toks)
}

// recentSlots is how many analyses recentTokens keeps: enough for the
// title and body of the documents every analysis worker has in hand.
const recentSlots = 256

// recentTokens remembers the token streams of the last texts analyzed, by
// a 128-bit hash of the text (two seeds), for the pair field to reuse. The
// streams are only ever read after analysis, so sharing them is safe.
type recentTokens struct {
	mu    sync.Mutex
	seeds [2]maphash.Seed
	slots [recentSlots]recentSlot
}

type recentSlot struct {
	h    [2]uint64
	n    int
	toks analysis.TokenStream
}

var recent = func() *recentTokens {
	return &recentTokens{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}()

func (r *recentTokens) key(b []byte) [2]uint64 {
	return [2]uint64{maphash.Bytes(r.seeds[0], b), maphash.Bytes(r.seeds[1], b)}
}

func (r *recentTokens) put(b []byte, toks analysis.TokenStream) {
	if len(b) < minShared || len(b) > maxShared {
		return
	}
	h := r.key(b)
	r.mu.Lock()
	r.slots[h[0]%recentSlots] = recentSlot{h: h, n: len(b), toks: toks}
	r.mu.Unlock()
}

func (r *recentTokens) get(b []byte) (analysis.TokenStream, bool) {
	if len(b) < minShared || len(b) > maxShared {
		return nil, false
	}
	h := r.key(b)
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &r.slots[h[0]%recentSlots]
	if s.h != h || s.n != len(b) {
		return nil, false
	}
	toks := s.toks
	*s = recentSlot{}
	return toks, true
}

// Texts shorter than minShared (queries, names) are cheaper to analyze
// again than to remember; longer than maxShared (a huge page) would pin
// their millions of tokens in the ring.
const (
	minShared = 64
	maxShared = 1 << 20
)

// pairFilter emits each two adjacent tokens as one term. Tokens with a gap
// between them (a stop word was dropped) make no pair, so "Department of
// Defense" never pairs "department defens"; a query pairs its words the
// same way. It never changes its input (which may be shared).
type pairFilter struct{}

func (pairFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	if len(input) < 2 {
		return analysis.TokenStream{}
	}
	out := make(analysis.TokenStream, 0, len(input)-1)
	for i := 1; i < len(input); i++ {
		a, b := input[i-1], input[i]
		if b.Position != a.Position+1 {
			continue
		}
		term := make([]byte, 0, len(a.Term)+len(PairSeparator)+len(b.Term))
		term = append(append(append(term, a.Term...), PairSeparator...), b.Term...)
		out = append(out, &analysis.Token{Term: term, Start: a.Start, End: b.End, Position: len(out) + 1, Type: analysis.Shingle})
	}
	return out
}

type script int

const (
	scriptOther script = iota
	scriptHangul
	scriptIdeo // Han, Hiragana, Katakana: left to cjk_bigram
)

func scriptOf(r rune) script {
	switch {
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r), r == 'ー':
		return scriptIdeo
	}
	return scriptOther
}

// scriptSplitFilter cuts every token into runs of one script. Hangul runs are
// emitted as overlapping bigrams (a single syllable as a unigram), so that a
// noun is found inside a longer run: "과학기술정보통신부는" gives 과학 학기 기술
// 술정 정보 보통 통신 신부 부는, and the query "정보통신" (정보 보통 통신) matches
// it as a phrase. Han and Kana runs are marked Ideographic for cjk_bigram;
// everything else passes unchanged. Positions are renumbered consecutively,
// which cjk_bigram does again anyway.
type scriptSplitFilter struct{}

func (scriptSplitFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input))
	for _, tok := range input {
		if tok.Type == analysis.Ideographic || !hasHangulOrIdeo(tok.Term) {
			out = append(out, tok)
			continue
		}
		term := tok.Term
		// Offsets inside the term match the article only when no filter
		// changed its length (full-width Latin shrinks under cjk_width);
		// otherwise every piece gets the whole token's span.
		exact := len(term) == tok.End-tok.Start
		for start := 0; start < len(term); {
			r, _ := utf8.DecodeRune(term[start:])
			sc := scriptOf(r)
			end := start
			for end < len(term) {
				r2, n := utf8.DecodeRune(term[end:])
				if scriptOf(r2) != sc {
					break
				}
				end += n
			}
			run := term[start:end]
			base := tok.Start + start
			if !exact {
				base = tok.Start
			}
			switch sc {
			case scriptHangul:
				out = appendHangulGrams(out, run, base, tok.KeyWord)
			case scriptIdeo:
				// One token per character, as the unicode tokenizer gives
				// ideographs, so cjk_bigram joins them.
				for off := 0; off < len(run); {
					_, n := utf8.DecodeRune(run[off:])
					out = append(out, &analysis.Token{Term: run[off : off+n], Start: base + off, End: base + off + n, Type: analysis.Ideographic, KeyWord: tok.KeyWord})
					off += n
				}
			default:
				out = append(out, &analysis.Token{Term: run, Start: base, End: base + len(run), Type: tok.Type, KeyWord: tok.KeyWord})
			}
			start = end
		}
	}
	for i, tok := range out {
		tok.Position = i + 1
	}
	return out
}

func hasHangulOrIdeo(term []byte) bool {
	for _, r := range string(term) {
		if r >= 0x1100 && scriptOf(r) != scriptOther {
			return true
		}
	}
	return false
}

func appendHangulGrams(out analysis.TokenStream, run []byte, base int, keyword bool) analysis.TokenStream {
	// Byte offsets of each syllable, plus the end.
	var offs []int
	for off := range string(run) {
		offs = append(offs, off)
	}
	offs = append(offs, len(run))
	if len(offs) == 2 {
		return append(out, &analysis.Token{Term: run, Start: base, End: base + len(run), Type: analysis.Single, KeyWord: keyword})
	}
	for i := 0; i+2 < len(offs); i++ {
		a, b := offs[i], offs[i+2]
		out = append(out, &analysis.Token{Term: run[a:b], Start: base + a, End: base + b, Type: analysis.Double, KeyWord: keyword})
	}
	return out
}

// latinOnlyFilter applies an English stemmer to Latin-script words only; the
// bigrams of other scripts are not words a stemmer understands.
type latinOnlyFilter struct{ inner analysis.TokenFilter }

func (f latinOnlyFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	// The snowball stemmer works token by token, in place, so feeding it
	// one-token streams keeps the others untouched without copying.
	one := make(analysis.TokenStream, 1)
	for _, tok := range input {
		if tok.Type != analysis.AlphaNumeric || tok.KeyWord || !isLatin(tok.Term) {
			continue
		}
		one[0] = tok
		f.inner.Filter(one)
	}
	return input
}

func isLatin(term []byte) bool {
	for _, r := range string(term) {
		if r >= 0x250 { // beyond Latin Extended-B
			return false
		}
	}
	return true
}
