package entityeval

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/policysearch/policysearch/corpus"
	"github.com/policysearch/policysearch/indexer/entities"
)

// Story is one Reuters-21578 story: its text and its story-level codes.
type Story struct {
	ID         string
	Title      string
	Paragraphs []string // dateline first, then the body's paragraphs
	Places     []string
	Orgs       []string
}

var (
	reStory    = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	rePlaces   = regexp.MustCompile(`(?s)<PLACES>(.*?)</PLACES>`)
	reOrgs     = regexp.MustCompile(`(?s)<ORGS>(.*?)</ORGS>`)
	reD        = regexp.MustCompile(`<D>(.*?)</D>`)
	reTitle    = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reDateline = regexp.MustCompile(`(?s)<DATELINE>(.*?)</DATELINE>`)
	reBody     = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reCharRef  = regexp.MustCompile(`&#\d+;`)
	reParaGap  = regexp.MustCompile(`\n\s{2,}`)
)

// LoadReuters reads the stories of every sgm/*.sgm.gz file under dir that
// have a body.
func LoadReuters(ctx context.Context, dir string) ([]Story, error) {
	files, err := filepath.Glob(filepath.Join(dir, "sgm", "*.sgm.gz"))
	if err != nil {
		return nil, fmt.Errorf("load reuters %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load reuters %s: no sgm/*.sgm.gz: %w", dir, fs.ErrNotExist)
	}
	sort.Strings(files)
	var out []Story
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		raw, err := corpus.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("load reuters %s: %w", f, err)
		}
		out = append(out, parseSGML(latin1(raw))...)
	}
	return out, nil
}

// latin1 decodes the collection's bytes: ASCII but for one stray 0xFC.
func latin1(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

func unescape(s string) string {
	s = reCharRef.ReplaceAllString(s, "")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

func parseSGML(s string) []Story {
	var out []Story
	for _, m := range reStory.FindAllStringSubmatch(s, -1) {
		body := m[2]
		bm := reBody.FindStringSubmatch(body)
		if bm == nil {
			continue
		}
		st := Story{ID: m[1]}
		if t := reTitle.FindStringSubmatch(body); t != nil {
			st.Title = strings.TrimSpace(unescape(t[1]))
		}
		if d := reDateline.FindStringSubmatch(body); d != nil {
			if dl := strings.TrimSpace(unescape(d[1])); dl != "" {
				st.Paragraphs = append(st.Paragraphs, dl)
			}
		}
		text := unescape(bm[1])
		text = strings.TrimSpace(text)
		text = strings.TrimSuffix(text, "Reuter")
		for _, p := range reParaGap.Split(text, -1) {
			if p = strings.Join(strings.Fields(p), " "); p != "" {
				st.Paragraphs = append(st.Paragraphs, p)
			}
		}
		if pm := rePlaces.FindStringSubmatch(body); pm != nil {
			for _, d := range reD.FindAllStringSubmatch(pm[1], -1) {
				st.Places = append(st.Places, d[1])
			}
		}
		if om := reOrgs.FindStringSubmatch(body); om != nil {
			for _, d := range reD.FindAllStringSubmatch(om[1], -1) {
				st.Orgs = append(st.Orgs, d[1])
			}
		}
		out = append(out, st)
	}
	return out
}

// ReutersResult holds the story-level tallies of one part of the
// collection (development or test).
type ReutersResult struct {
	Places, Orgs Counts
	Stories      int
	OrgStories   int
	// PlaceDocs and OrgDocs are the per-story tallies, for the bootstrap.
	PlaceDocs, OrgDocs []Counts
	// Examples of misses and false alarms, code → count.
	PlaceMissed, PlaceSpurious, OrgMissed, OrgSpurious map[string]int
}

// ScoreReuters extracts entities from each story and compares the Reuters
// codes they imply with the story's PLACES and ORGS. Places are scored on
// stories that have PLACES codes, organizations on stories that have ORGS
// codes: the collection's indexers coded organizations on few stories (881
// of 21,578) and left many uncoded that name the IMF or the World Bank in
// the headline, so an uncoded story says nothing about its organizations.
func ScoreReuters(x *entities.Extractor, stories []Story) ReutersResult {
	res := ReutersResult{PlaceMissed: map[string]int{}, PlaceSpurious: map[string]int{}, OrgMissed: map[string]int{}, OrgSpurious: map[string]int{}}
	for _, st := range stories {
		if len(st.Places) == 0 && len(st.Orgs) == 0 {
			continue
		}
		texts := append([]string{st.Title}, st.Paragraphs...)
		got := x.ExtractTexts(texts)
		lead := x.ExtractTexts(texts[:min(len(texts), leadTexts)])
		places, orgs := StoryCodes(x, got, lead)
		if len(st.Places) > 0 {
			c := tally(st.Places, places, res.PlaceMissed, res.PlaceSpurious)
			res.Stories++
			res.Places.Add(c)
			res.PlaceDocs = append(res.PlaceDocs, c)
		}
		if len(st.Orgs) > 0 {
			c := tally(st.Orgs, orgs, res.OrgMissed, res.OrgSpurious)
			res.OrgStories++
			res.Orgs.Add(c)
			res.OrgDocs = append(res.OrgDocs, c)
		}
	}
	return res
}

func tally(gold, pred []string, missed, spurious map[string]int) Counts {
	c := Counts{Gold: len(gold), Pred: len(pred)}
	g := map[string]bool{}
	for _, v := range gold {
		g[v] = true
	}
	p := map[string]bool{}
	for _, v := range pred {
		p[v] = true
		if g[v] {
			c.PredHit++
		} else {
			spurious[v]++
		}
	}
	for _, v := range gold {
		if p[v] {
			c.GoldHit++
		} else {
			missed[v]++
		}
	}
	return c
}

// Part is where a story falls in the fixed development/test split.
type Part string

// The two parts of Reuters-21578.
const (
	Dev  Part = "dev"
	Test Part = "test"
)

// testShare is the share of stories, out of splitBuckets, in the test part.
const (
	splitBuckets = 10
	testBuckets  = 3
)

// StoryPart puts a story in the development or test part by a fixed hash of
// its NEWID: FNV-1a (32 bits) of the decimal id, modulo 10; 0, 1 and 2 are
// the test part (about 30% of the stories). The split is by story, so a
// story never informs the rules it is scored on, and it does not move when
// stories are added or read in another order.
func StoryPart(id string) Part {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%splitBuckets < testBuckets {
		return Test
	}
	return Dev
}

// SplitStories returns the stories of one part, in input order.
func SplitStories(stories []Story, p Part) []Story {
	var out []Story
	for _, st := range stories {
		if StoryPart(st.ID) == p {
			out = append(out, st)
		}
	}
	return out
}

// leadTexts is how many texts open a story: title, dateline, first paragraph.
const leadTexts = 3

// minMentions is how often a code must be implied outside the lead to count.
const minMentions = 2

// StoryCodes maps a story's entities to Reuters codes: a place gives its
// country (a city its country too); a government body, central bank or
// regulator gives its country; an international organization gives its
// ORGS code. Reuters codes a story's focus, not every mention, so a code
// counts only when an entity implying it is named in the lead (title,
// dateline, first paragraph), or when the entities implying it are named
// at least twice in all ("Tokyo" once and "Japan" once make japan).
func StoryCodes(x *entities.Extractor, all, lead []corpus.Entity) (places, orgs []string) {
	inLead := map[string]bool{}
	for _, e := range lead {
		inLead[string(e.Kind)+"\x00"+e.Name] = true
	}
	ps, os := map[string]*codeTally{}, map[string]*codeTally{}
	note := func(m map[string]*codeTally, code string, e corpus.Entity) {
		t := m[code]
		if t == nil {
			t = &codeTally{}
			m[code] = t
		}
		t.count += e.Count
		t.lead = t.lead || inLead[string(e.Kind)+"\x00"+e.Name]
	}
	for _, e := range all {
		entry, ok := x.Lookup(e.Kind, e.Name)
		if !ok {
			// a place the gazetteer does not list (a dateline's town):
			// the extractor's small-places table knows its country
			if e.Kind == corpus.Place {
				if c := placeCode(x.PlaceCountry(e.Name)); c != "" {
					note(ps, c, e)
				}
			}
			continue
		}
		switch e.Kind {
		case corpus.Place:
			if c := placeCode(entry.Country); c != "" {
				note(ps, c, e)
			}
		case corpus.Organization:
			if c, ok := orgCodes[e.Name]; ok {
				note(os, c, e)
			}
			if countrySubs[entry.Sub] {
				if c := placeCode(entry.Country); c != "" {
					note(ps, c, e)
				}
			}
		}
	}
	return salient(ps), salient(os)
}

// codeTally is how often a story implies a code, and whether its lead does.
type codeTally struct {
	count int
	lead  bool
}

func salient(m map[string]*codeTally) []string {
	var out []string
	for k, t := range m {
		if t.lead || t.count >= minMentions {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// countrySubs are the kinds of organization that speak for their country.
var countrySubs = map[string]bool{"government": true, "central-bank": true, "regulator": true, "agency": true,
	"legislature": true, "court": true, "military": true}
