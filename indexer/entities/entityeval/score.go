// Package entityeval scores the entity extractor against third-party sets
// with ground truth: re3d (mention level, per document) and Reuters-21578
// (story-level PLACES and ORGS codes). The command policyeval prints the
// figures; the choices behind them are described in docs/entities.md.
package entityeval

import (
	"fmt"
	"strings"
	"unicode"
)

// Counts accumulates a precision/recall tally. Matched gold and matched
// predictions are counted separately because lenient matching is not
// one-to-one (a gold "Nouri al-Maliki" may be matched by "Maliki").
type Counts struct {
	Gold, Pred       int
	GoldHit, PredHit int
}

// Add merges another tally into c.
func (c *Counts) Add(o Counts) {
	c.Gold += o.Gold
	c.Pred += o.Pred
	c.GoldHit += o.GoldHit
	c.PredHit += o.PredHit
}

// Precision is the share of predictions that match some gold item.
func (c Counts) Precision() float64 { return ratio(c.PredHit, c.Pred) }

// Recall is the share of gold items matched by some prediction.
func (c Counts) Recall() float64 { return ratio(c.GoldHit, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Row is one line of the results table.
type Row struct {
	Set, Type string
	Counts    Counts
	// Strict is the same measure with exact string matches only, where the
	// set has mention strings (re3d); nil otherwise.
	Strict *Counts
}

func (r Row) String() string {
	s := fmt.Sprintf("%-9s %-7s %6d %6d  %5.3f  %5.3f  %5.3f", r.Set, r.Type, r.Counts.Gold, r.Counts.Pred,
		r.Counts.Precision(), r.Counts.Recall(), r.Counts.F1())
	if r.Strict != nil {
		s += fmt.Sprintf("   %5.3f", r.Strict.F1())
	} else {
		s += "       -"
	}
	return s
}

// Header names the columns of Row.String.
const Header = "set       type      gold   pred  prec   rec    F1     strict-F1"

// words splits a name into lower-case words of letters and digits, so that
// "al-Zarqawi" and "Al Zarqawi" compare equal.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// containsRun reports whether short occurs as a contiguous run of words in long.
func containsRun(long, short []string) bool {
	if len(short) == 0 || len(short) > len(long) {
		return false
	}
outer:
	for i := 0; i+len(short) <= len(long); i++ {
		for k := range short {
			if long[i+k] != short[k] {
				continue outer
			}
		}
		return true
	}
	return false
}

// lenientMatch: equal words, or one a contiguous run of the other covering
// at least half of its words ("Maliki" in "Nouri al-Maliki").
func lenientMatch(a, b []string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b)*2 < len(a) {
		return false
	}
	return containsRun(a, b)
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// compare scores predicted against gold names of one type in one document.
func compare(gold, pred [][]string, match func(a, b []string) bool) Counts {
	c := Counts{Gold: len(gold), Pred: len(pred)}
	for _, g := range gold {
		for _, p := range pred {
			if match(g, p) {
				c.GoldHit++
				break
			}
		}
	}
	for _, p := range pred {
		for _, g := range gold {
			if match(g, p) {
				c.PredHit++
				break
			}
		}
	}
	return c
}
