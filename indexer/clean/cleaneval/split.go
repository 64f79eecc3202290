package cleaneval

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
)

// The parts of every set. Rules are written and tuned looking only at the
// development part; the test part is scored, and the floors are set on it.
const (
	Dev  = "dev"
	Test = "test"
)

// devShare is the share of hosts (in hundredths) in the development part.
const devShare = 70

// PartOf puts a site in the development or the test part: the FNV-1a
// 32-bit hash of its host (lower-cased, without a leading "www." and any
// port), modulo 100, below devShare is development. A site's pages are all
// in one part, so that a rule fitted to one site's template cannot score
// on the test part. The rule is written down in docs/extraction.md.
func PartOf(host string) string {
	h := fnv.New32a()
	h.Write([]byte(normHost(host)))
	if h.Sum32()%100 < devShare {
		return Dev
	}
	return Test
}

// Host is the site a page comes from: the host of its URL, or its file
// name when the set gives no URL.
func (p *Page) Host() string {
	if u, err := url.Parse(strings.TrimSpace(p.URL)); err == nil && u.Host != "" {
		return normHost(u.Host)
	}
	return p.Name
}

// Part is the part of the page's set it belongs to.
func (p *Page) Part() string { return PartOf(p.Host()) }

func normHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.TrimPrefix(h, "www.")
}

// Figure reads one number off a report (a body F1, a title or date
// accuracy).
type Figure func(*Report) float64

// Figures are the figures the evaluation reports and floors, by name.
var Figures = map[string]Figure{
	"body F1": func(r *Report) float64 { _, _, f, _ := r.Body(); return f },
	"title":   (*Report).TitleAcc,
	"date":    (*Report).DateAcc,
}

// StdErr is the sampling error of a figure over the report's pages: the
// standard deviation of the figure over n bootstrap resamples of the pages
// (drawn with replacement, a fixed seed so that a run repeats).
func StdErr(r *Report, fig Figure, n int) float64 {
	if len(r.Outcomes) < 2 || n < 2 {
		return 0
	}
	rng := rand.New(rand.NewPCG(1, 2))
	sample := make([]Outcome, len(r.Outcomes))
	vals := make([]float64, n)
	for i := range vals {
		for j := range sample {
			sample[j] = r.Outcomes[rng.IntN(len(r.Outcomes))]
		}
		vals[i] = fig(Summarize(r.Set, r.Part, sample))
	}
	var mean float64
	for _, v := range vals {
		mean += v
	}
	mean /= float64(n)
	var ss float64
	for _, v := range vals {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(n-1))
}

// Hosts lists the distinct hosts of pages in a part, sorted: for a person
// who wants to see which sites are where.
func Hosts(pages []Page, part string) []string {
	seen := map[string]bool{}
	for i := range pages {
		if pages[i].Part() == part {
			seen[pages[i].Host()] = true
		}
	}
	out := make([]string, 0, len(seen))
	for h := range seen {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}
