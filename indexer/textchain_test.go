package indexer

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/policysearch/policysearch/corpus"
)

// chainTexts are the demo articles' titles and bodies (cleaned as a build
// cleans them) and their raw HTML, plus edge cases of the width, lowercase
// and stemming filters.
func chainTexts(t *testing.T) []string {
	t.Helper()
	texts := []string{
		"", "a", "The", "KDDI's AI chips", "Ｏｐｅｎ ＲＡＮ and ｶﾀｶﾅ ｶﾞｷﾞ ﾊﾟﾋﾟ ｳﾞ", "ﾟﾞ alone",
		"invalid \xff\xfe bytes \xef\xbc and Ⱥ Ⱦ capitals ȺȾ", "ΣΑΣ ΟΔΟΣ", "İstanbul ǅemal ﬁnance",
		"running runs ran generously generalizations generalization's",
		"과학기술정보통신부는 KDDI와 협력 ソフトバンクが発表 総務省",
		"\u00a0nbsp\u2003em\ufeffbom", "１２３ ４５６ Ａ１", "caf\u00e9 na\u00efve r\u00e9sum\u00e9s",
	}
	srcs, _, err := walkCorpus(context.Background(), filepath.Join("..", "corpus", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		raw, err := corpus.ReadFile(s.Path)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(raw))
		doc, err := PrepareBytes(context.Background(), raw, s.Path, s.Rel)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, doc.Title, doc.Body())
		texts = append(texts, aliasesOf(doc.Entities, nil)...)
	}
	if len(srcs) < 40 {
		t.Fatalf("only %d demo articles", len(srcs))
	}
	return texts
}

func tokenDump(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, tok := range ts {
		out[i] = fmt.Sprintf("%q %d-%d @%d %v kw=%v", tok.Term, tok.Start, tok.End, tok.Position, tok.Type, tok.KeyWord)
	}
	return out
}

// TestTextChainMatchesDeclared: the chain analyzers run gives every token
// exactly as bleve running chainConfig does, leaves its input untouched,
// and gives the same again once its stem table is warm, from several
// goroutines at once.
func TestTextChainMatchesDeclared(t *testing.T) {
	cache := registry.NewCache()
	declared, err := custom.AnalyzerConstructor(chainConfig(), cache)
	if err != nil {
		t.Fatal(err)
	}
	chain, err := newTextChain(registry.NewCache())
	if err != nil {
		t.Fatal(err)
	}
	texts := chainTexts(t)
	check := func(t *testing.T, text string) {
		in := []byte(text)
		got := tokenDump(chain.Analyze(in))
		if !bytes.Equal(in, []byte(text)) {
			t.Errorf("Analyze changed its input %q", text)
		}
		want := tokenDump(declared.Analyze([]byte(text)))
		if len(got) != len(want) {
			t.Errorf("%.60q: %d tokens, want %d", text, len(got), len(want))
			return
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%.60q token %d: %s, want %s", text, i, got[i], want[i])
				return
			}
		}
	}
	for pass := range 2 { // cold, then with the stems remembered
		t.Run(fmt.Sprint("pass", pass), func(t *testing.T) {
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					for i := g; i < len(texts); i += 4 {
						check(t, texts[i])
					}
				})
			}
			wg.Wait()
		})
	}
}

func TestWidthKeeps(t *testing.T) {
	tests := []struct {
		term string
		want bool
	}{
		{"open", true},
		{"café", true},
		{"과학", true},
		{"Ｏｐｅｎ", false},
		{"ｶﾀ", false},
		{"\ufeffbom", false}, // U+FEFF is left alone by the filter, but starts with 0xEF: the filter decides
		{"bad\xff", false},
		{"", true},
	}
	for _, tt := range tests {
		if got := widthKeeps([]byte(tt.term)); got != tt.want {
			t.Errorf("widthKeeps(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}
