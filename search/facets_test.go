package search

import (
	"encoding/json"
	"testing"
)

// TestRegistryMatchesTheJSON: each facet's accessors reach its own slices,
// and its API name is the key its values have in the JSON facets object,
// so a registry entry cannot point at another facet's field.
func TestRegistryMatchesTheJSON(t *testing.T) {
	var req Request
	var facets Facets
	for _, f := range Registry {
		*f.Filter(&req) = []string{"filter " + f.Name}
		*f.Values(&facets) = []FacetValue{{Value: "value " + f.Name, Count: 1}}
	}
	b, err := json.Marshal(facets)
	if err != nil {
		t.Fatal(err)
	}
	var keyed map[string][]FacetValue
	if err := json.Unmarshal(b, &keyed); err != nil {
		t.Fatal(err)
	}
	params, names := map[string]bool{}, map[string]bool{}
	for _, f := range Registry {
		if got := keyed[f.Name]; len(got) != 1 || got[0].Value != "value "+f.Name {
			t.Errorf("facet %s: JSON key %q holds %v", f.Name, f.Name, got)
		}
		if got := *f.Filter(&req); len(got) != 1 || got[0] != "filter "+f.Name {
			t.Errorf("facet %s: filter holds %v", f.Name, got)
		}
		if params[f.Param] || names[f.Name] {
			t.Errorf("facet %s: name or parameter %q used twice", f.Name, f.Param)
		}
		params[f.Param], names[f.Name] = true, true
		if !KnownField(f.QueryField) {
			t.Errorf("facet %s: query field %q is not a field the parser knows", f.Name, f.QueryField)
		}
		for _, key := range []string{f.Name, f.Param} {
			if g, ok := FacetNamed(key); !ok || g.Name != f.Name {
				t.Errorf("FacetNamed(%q) = %q, %v", key, g.Name, ok)
			}
		}
		if g, ok := FacetByQueryField(f.QueryField); !ok || g.Name != f.Name {
			t.Errorf("FacetByQueryField(%q) = %q, %v", f.QueryField, g.Name, ok)
		}
	}
	if _, ok := FacetNamed("author"); ok {
		t.Error(`FacetNamed("author") found a facet`)
	}
}

// TestHitValues: a hit's values of each facet, the single-valued source as
// a one-element list.
func TestHitValues(t *testing.T) {
	h := Hit{Source: "Reuters", Organizations: []string{"KDDI"}, Places: []string{"Japan"}, People: []string{"Kim"}}
	want := map[string]string{FacetOrganizations: "KDDI", FacetPlaces: "Japan", FacetPeople: "Kim", FacetSources: "Reuters"}
	for _, f := range Registry {
		if got := f.HitValues(&h); len(got) != 1 || got[0] != want[f.Name] {
			t.Errorf("%s: HitValues = %v, want [%s]", f.Name, got, want[f.Name])
		}
	}
	for _, f := range Registry {
		var e Hit
		if got := f.HitValues(&e); len(got) != 0 {
			t.Errorf("%s: HitValues of an empty hit = %v", f.Name, got)
		}
		f.AddHitValue(&e, "x")
		if got := f.HitValues(&e); len(got) != 1 || got[0] != "x" {
			t.Errorf("%s: after AddHitValue(x), HitValues = %v", f.Name, got)
		}
	}
}

// TestCloneIsDeep: changing a clone's facets leaves the original alone.
func TestCloneIsDeep(t *testing.T) {
	r := &Result{Hits: []Hit{{Organizations: []string{"KDDI"}}}}
	for _, f := range Registry {
		*f.Values(&r.Facets) = []FacetValue{{Value: f.Name, Count: 1}}
	}
	c := r.Clone()
	for _, f := range Registry {
		(*f.Values(&c.Facets))[0].Count = 99
	}
	c.Hits[0].Organizations[0] = "changed"
	for _, f := range Registry {
		if (*f.Values(&r.Facets))[0].Count != 1 {
			t.Errorf("%s: the clone shares its values with the original", f.Name)
		}
	}
	if r.Hits[0].Organizations[0] != "KDDI" {
		t.Error("the clone shares its hits' organizations with the original")
	}
}
