package blevesearch

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/policysearch/policysearch/corpus"
)

// checkParseEntities: where parseEntities reads b, encoding/json reads the
// same entities; and writtenNames answers as encoding/json would.
func checkParseEntities(t *testing.T, b []byte) {
	t.Helper()
	var want []corpus.Entity
	wantErr := json.Unmarshal(b, &want)
	got, ok := parseEntities(b)
	if ok {
		if wantErr != nil {
			t.Fatalf("%q: parsed, but encoding/json says %v", b, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nparsed %#v\njson   %#v", b, got, want)
		}
	}
	names, err := writtenNames(b)
	if (err != nil) != (wantErr != nil && len(b) > 0) {
		t.Fatalf("%q: writtenNames error %v, encoding/json %v", b, err, wantErr)
	}
	if err == nil && len(b) > 0 && !reflect.DeepEqual(names, corpus.WrittenNames(want)) {
		t.Fatalf("%q: written names %v, want %v", b, names, corpus.WrittenNames(want))
	}
}

func TestParseEntitiesAgreesWithJSON(t *testing.T) {
	fast := 0
	for _, s := range []string{
		`[]`, `null`, `[{}]`, ` []`, `[] `, `[{"type":"org","name":"KDDI","mentions":["KDDI","au"],"count":3}]`,
		`[{"type":"org","name":"AT\u0026T","mentions":["AT\u0026T"]}]`, `[{"name":"X","type":"person","mentions":null}]`,
		`[{"type":"org","name":"X","mentions":[]}]`, `[{"type":"org","Name":"X"}]`, `[{"type":"org","name":"X","count":01}]`,
		`[{"type":"org","name":"X","count":-0}]`, `[{"type":"org","name":"X","count":1.0}]`, `[{"type":"org","name":"X","count":1e3}]`,
		`[{"type":"org","name":"X","count":-3}]`, `[{"type":"org","name":"X","count":}]`, `[{"type":"org","name":"X"},]`,
		`[{"type":"org","name":"X"}`, `[{"type":"org","name":"X"}]]`, "[{\"type\":\"org\",\"name\":\"a\x01b\"}]",
		"[{\"type\":\"org\",\"name\":\"a\xffb\"}]", `[{"type":5}]`, `[{"type":"org","name":"X","extra":1}]`,
		`[{"type":"org","name":"X","mentions":[null]}]`, `[{"type":"org","name":"과학기술정보통신부","mentions":["과기정통부","MSIT"]}]`,
		`[{"type":"org","name":"X","type":"place"}]`, `{"type":"org"}`, `"x"`, `[`, ``,
	} {
		checkParseEntities(t, []byte(s))
		if _, ok := parseEntities([]byte(s)); ok {
			fast++
		}
	}
	// As the indexer writes them: random entities, marshalled.
	r := rand.New(rand.NewPCG(7, 8))
	words := []string{"Ministry", "of", "Science", "ICT", "KDDI", "AT&T", "Procter & Gamble", `Say "hi"`, `back\slash`,
		"<b>", "과기정통부", "総務省", "Müller", "a\u2028b", "tab\there", "", " spaced ", "O'Brien"}
	kinds := []corpus.EntityKind{corpus.Organization, corpus.Place, corpus.Person}
	for round := 0; round < 2000; round++ {
		var ents []corpus.Entity
		for n := r.IntN(6); n > 0; n-- {
			e := corpus.Entity{Kind: kinds[r.IntN(len(kinds))], Count: r.IntN(4)}
			var parts []string
			for k := 1 + r.IntN(3); k > 0; k-- {
				parts = append(parts, words[r.IntN(len(words))])
			}
			e.Name = strings.Join(parts, " ")
			if r.IntN(4) > 0 {
				for m := r.IntN(4); m >= 0; m-- {
					e.Mentions = append(e.Mentions, words[r.IntN(len(words))])
				}
			}
			ents = append(ents, e)
		}
		b, err := json.Marshal(ents)
		if err != nil {
			t.Fatal(err)
		}
		checkParseEntities(t, b)
		if _, ok := parseEntities(b); ok {
			fast++
		}
	}
	if fast < 300 {
		t.Fatalf("the fast path read only %d inputs", fast)
	}
}

func FuzzParseEntities(f *testing.F) {
	f.Add([]byte(`[{"type":"org","name":"KDDI","mentions":["KDDI","au"],"count":3}]`))
	f.Add([]byte(`[{"type":"org","name":"X","mentions":null},{}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkParseEntities(t, b)
	})
}
