// Package entityeval scores the entity extractor against third-party sets
// with ground truth: re3d (mention level, per document) and Reuters-21578
// (story-level PLACES and ORGS codes). The command policyeval prints the
// figures; the choices behind them are described in docs/entities.md.
package entityeval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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

// Row is one line of the results table: the strict figures (exact names,
// exact codes) as the headline, the lenient ones beside them, and the
// bootstrapped standard errors of the strict figures.
type Row struct {
	Set, Part, Type string
	Strict          Counts
	// Lenient is the same measure with lenient name matching, where the
	// set has mention strings (re3d); nil otherwise.
	Lenient *Counts
	// SE holds the bootstrapped standard errors of the strict precision,
	// recall and F1.
	SE [3]float64
}

func (r Row) String() string {
	c := r.Strict
	s := fmt.Sprintf("%-8s %-5s %-7s %6d %6d  %5.3f  %5.3f  %5.3f ±%.3f", r.Set, r.Part, r.Type, c.Gold, c.Pred,
		c.Precision(), c.Recall(), c.F1(), r.SE[2])
	if r.Lenient != nil {
		s += fmt.Sprintf("   %5.3f  %5.3f  %5.3f", r.Lenient.Precision(), r.Lenient.Recall(), r.Lenient.F1())
	} else {
		s += "       -      -      -"
	}
	return s
}

// Header names the columns of Row.String.
const Header = "set      part  type      gold   pred  P      R      F1 (strict, ±SE)   lenient P, R, F1"

// Statistic is a figure computed from a tally.
type Statistic func(Counts) float64

// bootstrapReps and bootstrapSeed fix the resampling, so the errors are the
// same from run to run.
const (
	bootstrapReps = 1000
	bootstrapSeed = 15
)

// BootstrapSE estimates the sampling error of stat over the documents: the
// standard deviation of stat over bootstrapReps resamples of the documents
// drawn with replacement (documents, not mentions, are the unit, since the
// mentions of one document are not independent).
func BootstrapSE(docs []Counts, stat Statistic) float64 {
	if len(docs) < 2 {
		return 0
	}
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(len(docs))))
	var sum, sumSq float64
	for range bootstrapReps {
		var c Counts
		for range docs {
			c.Add(docs[rng.IntN(len(docs))])
		}
		v := stat(c)
		sum += v
		sumSq += v * v
	}
	mean := sum / bootstrapReps
	return math.Sqrt(max(0, sumSq/bootstrapReps-mean*mean))
}

// SEs returns the bootstrapped errors of precision, recall and F1.
func SEs(docs []Counts) [3]float64 {
	return [3]float64{BootstrapSE(docs, Counts.Precision), BootstrapSE(docs, Counts.Recall), BootstrapSE(docs, Counts.F1)}
}

// words splits a name into words of letters and digits, so that
// "al-Zarqawi" and "Al Zarqawi" compare equal once lower-cased.
func words(s string) []string {
	s = strings.ReplaceAll(s, ".", "") // "U.S." is one word, "US"
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func lowerAll(w []string) []string {
	out := make([]string, len(w))
	for i, s := range w {
		out[i] = strings.ToLower(s)
	}
	return out
}

// name is a mention split into words for matching. low holds the
// lower-cased words; aside marks the words that do not identify the
// entity: lower-case description ("city of"), nationality words, titles
// and country names ("Iraqi Prime Minister", "US Defense Secretary").
type name struct {
	low   []string
	aside []bool
}

// lenientMatch: equal words, or one name found inside the other with only
// words set aside around it ("Ramtha" in "Jordanian city of Ramtha",
// "Nouri al-Maliki" in "Iraqi Prime Minister Nouri al-Maliki"), but not
// "US" in "US Special Operations".
func lenientMatch(a, b name) bool {
	if len(a.low) < len(b.low) {
		a, b = b, a
	}
	if len(b.low) == 0 {
		return false
	}
outer:
	for i := 0; i+len(b.low) <= len(a.low); i++ {
		for k := range b.low {
			if a.low[i+k] != b.low[k] {
				continue outer
			}
		}
		for k := range a.low {
			if (k < i || k >= i+len(b.low)) && !a.aside[k] {
				continue outer
			}
		}
		return true
	}
	return false
}

func strictMatch(a, b name) bool { return slices.Equal(a.low, b.low) }

// compare scores predicted against gold names of one type in one document.
func compare(gold, pred []name, match func(a, b name) bool) Counts {
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
