package search

import (
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/policysearch/policysearch/corpus"
)

// Facet is one entry of the facet registry: everything a front end or a
// backend needs to know to filter by a facet, count it and show it. Web
// pages, the API, the exports and the command line iterate Registry rather
// than naming the facets, so a new facet is one entry here plus the code
// that produces its values (the indexer's field and the backend's counts).
type Facet struct {
	// Name is the facet's API name: /api/facets/{name} and its key in the
	// JSON facets object ("organizations").
	Name string
	// Param is the URL parameter of its filter and the command line's flag
	// ("org" for ?org= and --org).
	Param string
	// Field is the index field the backend filters and counts ("org").
	Field string
	// Label is the heading of its list on a page ("Organizations"); Singular
	// names one value in messages ("organization").
	Label, Singular string
	// QueryField is the field a query names with field:value ("org", as in
	// org:KDDI); QueryPrefix is that with its colon.
	QueryField string
	// Entity is the kind of the document's entities this facet lists, or ""
	// when its values are not entities (the source); an article page
	// groups the entities by it.
	Entity corpus.EntityKind
	// HitChips: each hit in a result list shows its values as chips that
	// add the filter (organizations and places; a hit's people and source
	// are shown otherwise or not at all).
	HitChips bool
	// Filter points at the Request's filter values for this facet.
	Filter func(*Request) *[]string
	// Values points at the Facets' counted values for this facet.
	Values func(*Facets) *[]FacetValue
	// HitList points at a hit's values of this facet; HitOne instead, for
	// a facet a document has at most one value of (the source), points at
	// the hit's one value. Exactly one of them is set.
	HitList func(*Hit) *[]string
	HitOne  func(*Hit) *string
}

// Single reports whether a document has at most one value of the facet, so
// that hits carry it as a string, not a list, and exports show it among the
// hit's own fields rather than as a list column.
func (f Facet) Single() bool { return f.HitOne != nil }

// HitValues are a hit's values of this facet.
func (f Facet) HitValues(h *Hit) []string {
	if f.HitOne != nil {
		if v := *f.HitOne(h); v != "" {
			return []string{v}
		}
		return nil
	}
	return *f.HitList(h)
}

// AddHitValue gives a hit a value of this facet, as a backend reads it from
// the document: appended to a list, or as the one value.
func (f Facet) AddHitValue(h *Hit, v string) {
	if f.HitOne != nil {
		*f.HitOne(h) = v
		return
	}
	p := f.HitList(h)
	*p = append(*p, v)
}

// QueryPrefix is the facet's field:value prefix in the query syntax.
func (f Facet) QueryPrefix() string { return f.QueryField + ":" }

// FacetSize is how many values each terms facet returns, most frequent
// first (plus the ticked ones).
const FacetSize = 30

// Facet names as FacetValues takes them (the JSON names in Facets).
const (
	FacetOrganizations = "organizations"
	FacetPlaces        = "places"
	FacetPeople        = "people"
	FacetSources       = "sources"
)

// Registry lists the terms facets in the order pages show them.
var Registry = []Facet{
	{
		Name: FacetOrganizations, Param: "org", Field: "org", Label: "Organizations", Singular: "organization",
		QueryField: FieldOrg, Entity: corpus.Organization, HitChips: true,
		Filter:  func(r *Request) *[]string { return &r.Orgs },
		Values:  func(f *Facets) *[]FacetValue { return &f.Organizations },
		HitList: func(h *Hit) *[]string { return &h.Organizations },
	},
	{
		Name: FacetPlaces, Param: "place", Field: "place", Label: "Places", Singular: "place",
		QueryField: FieldPlace, Entity: corpus.Place, HitChips: true,
		Filter:  func(r *Request) *[]string { return &r.Places },
		Values:  func(f *Facets) *[]FacetValue { return &f.Places },
		HitList: func(h *Hit) *[]string { return &h.Places },
	},
	{
		Name: FacetPeople, Param: "person", Field: "person", Label: "People", Singular: "person",
		QueryField: FieldPerson, Entity: corpus.Person,
		Filter:  func(r *Request) *[]string { return &r.People },
		Values:  func(f *Facets) *[]FacetValue { return &f.People },
		HitList: func(h *Hit) *[]string { return &h.People },
	},
	{
		Name: FacetSources, Param: "source", Field: "source", Label: "Sources", Singular: "source",
		QueryField: FieldSource,
		Filter:     func(r *Request) *[]string { return &r.Sources },
		Values:     func(f *Facets) *[]FacetValue { return &f.Sources },
		HitOne:     func(h *Hit) *string { return &h.Source },
	},
}

// FacetNamed finds a facet by its API name or its URL parameter.
func FacetNamed(name string) (Facet, bool) {
	for _, f := range Registry {
		if f.Name == name || f.Param == name {
			return f, true
		}
	}
	return Facet{}, false
}

// FacetByQueryField finds the facet a query names with field:value.
func FacetByQueryField(field string) (Facet, bool) {
	for _, f := range Registry {
		if f.QueryField == field {
			return f, true
		}
	}
	return Facet{}, false
}

// FacetNames lists the facets' API names, in registry order.
func FacetNames() []string {
	names := make([]string, len(Registry))
	for i, f := range Registry {
		names[i] = f.Name
	}
	return names
}

// UnknownFacet is the error for a facet name not in the registry; it wraps
// ErrBadQuery and lists the facets there are.
func UnknownFacet(name string) error {
	return fmt.Errorf("%w: unknown facet %q; the facets are %s", ErrBadQuery, name, strings.Join(FacetNames(), ", "))
}

// Clone copies the slices so that a caller changing its copy cannot change
// the original (a backend's cache).
func (f Facets) Clone() Facets {
	out := Facets{Published: append([]DateBucket{}, f.Published...)}
	for _, fc := range Registry {
		*fc.Values(&out) = append([]FacetValue{}, *fc.Values(&f)...)
	}
	return out
}

// Clone copies r, its hits and facets, so that a caller changing its copy
// cannot change the original.
func (r *Result) Clone() *Result {
	out := *r
	out.Facets = r.Facets.Clone()
	out.Hits = make([]Hit, len(r.Hits))
	for i, h := range r.Hits {
		for _, f := range Registry {
			if f.HitList != nil {
				p := f.HitList(&h)
				*p = append([]string{}, *p...)
			}
		}
		h.Written = maps.Clone(h.Written)
		out.Hits[i] = h
	}
	return &out
}

// FilterFacetValues keeps the values of vals with a word that starts with
// prefix (see WordPrefix), most frequent first, at most limit. It is for
// front ends whose backend has no FacetValues and must filter the values
// an ordinary search returns.
func FilterFacetValues(vals []FacetValue, prefix string, limit int) []FacetValue {
	out := []FacetValue{}
	for _, v := range vals {
		if WordPrefix(v.Value, prefix) {
			out = append(out, v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// WordPrefix reports whether value or one of its words starts with prefix,
// ignoring case, so that "bank" finds "Bank of Korea" and "Korea
// Development Bank".
func WordPrefix(value, prefix string) bool {
	if prefix == "" {
		return true
	}
	v, p := strings.ToLower(value), strings.ToLower(strings.TrimSpace(prefix))
	if strings.HasPrefix(v, p) {
		return true
	}
	for i, r := range v {
		if (r == ' ' || r == '-' || r == '/' || r == '(') && strings.HasPrefix(v[i+1:], p) {
			return true
		}
	}
	return false
}
