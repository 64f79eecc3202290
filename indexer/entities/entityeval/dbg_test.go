package entityeval

import (
	"context"
	"fmt"
	"github.com/policysearch/policysearch/indexer/entities"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	code := os.Getenv("DBG")
	if code == "" {
		t.Skip()
	}
	mode := os.Getenv("MODE")
	x := entities.Default()
	st, _ := LoadReuters(context.Background(), "/work/shared/corpora/reuters21578")
	n := 0
	for _, s := range st {
		if len(s.Places) == 0 && len(s.Orgs) == 0 {
			continue
		}
		texts := append([]string{s.Title}, s.Paragraphs...)
		got := x.ExtractTexts(texts)
		lead := x.ExtractTexts(texts[:min(len(texts), 3)])
		pl, or := StoryCodes(x, Salient(got, lead))
		gold := s.Orgs
		pred := or
		if mode == "place" {
			gold = s.Places
			pred = pl
		}
		in := func(l []string) bool {
			for _, v := range l {
				if v == code {
					return true
				}
			}
			return false
		}
		var hit bool
		if os.Getenv("SP") != "" {
			hit = in(pred) && !in(gold)
		} else {
			hit = in(gold) && !in(pred)
		}
		if !hit {
			continue
		}
		n++
		if n > 8 {
			break
		}
		body := strings.Join(texts, " | ")
		if len(body) > 600 {
			body = body[:600]
		}
		fmt.Println(s.ID, gold, pred, body)
		for _, e := range got {
			fmt.Printf("   %s %s %q %d\n", e.Kind, e.Name, e.Mentions, e.Count)
		}
	}
}
