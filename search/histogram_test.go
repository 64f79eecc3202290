package search

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestHistogramPlan(t *testing.T) {
	var zero time.Time
	tests := []struct {
		name                  string
		from, to, first, last time.Time
		wantUnit              unit
		wantLo, wantHi        string
	}{
		{"one day", zero, zero, day("2023-05-31"), day("2023-05-31"), unitDay, "2023-05-31", "2023-05-31"},
		{"a month of data", zero, zero, day("2023-05-01"), day("2023-05-31"), unitDay, "2023-05-01", "2023-05-31"},
		{"32 days", zero, zero, day("2023-05-01"), day("2023-06-01"), unitWeek, "2023-05-01", "2023-06-01"},
		{"a season", zero, zero, day("2023-05-01"), day("2023-08-28"), unitWeek, "2023-05-01", "2023-08-28"},
		{"half a year", zero, zero, day("2023-01-01"), day("2023-06-30"), unitMonth, "2023-01-01", "2023-06-30"},
		{"three years", zero, zero, day("2021-01-01"), day("2023-12-31"), unitMonth, "2021-01-01", "2023-12-31"},
		{"four years", zero, zero, day("2020-01-01"), day("2023-12-31"), unitYear, "2020-01-01", "2023-12-31"},
		{"filter wins over data", day("2023-05-01"), day("2023-05-31"), day("2023-05-10"), day("2023-05-20"), unitDay, "2023-05-01", "2023-05-31"},
		{"open end uses data", day("2023-01-01"), zero, day("2023-05-10"), day("2023-05-20"), unitMonth, "2023-01-01", "2023-05-20"},
		{"far bound falls back to data", day("1800-01-01"), zero, day("2020-05-10"), day("2023-05-20"), unitYear, "2020-05-10", "2023-05-20"},
	}
	for _, tt := range tests {
		u, lo, hi := histogramPlan(tt.from, tt.to, tt.first, tt.last)
		if u != tt.wantUnit || lo.Format("2006-01-02") != tt.wantLo || hi.Format("2006-01-02") != tt.wantHi {
			t.Errorf("%s: got %v %s..%s, want %v %s..%s", tt.name, u, lo.Format("2006-01-02"), hi.Format("2006-01-02"), tt.wantUnit, tt.wantLo, tt.wantHi)
		}
	}
}

func TestHistogramYears(t *testing.T) {
	counts := []dayCount{{day("2019-03-01"), 2}, {day("2019-11-01"), 1}, {day("2022-05-01"), 4}}
	got := histogram(unitYear, day("2019-03-01"), day("2022-05-31"), time.Time{}, time.Time{}, counts)
	want := []DateBucket{
		{From: "2019-01-01", To: "2019-12-31", Label: "2019", Count: 3},
		{From: "2020-01-01", To: "2020-12-31", Label: "2020", Count: 0},
		{From: "2021-01-01", To: "2021-12-31", Label: "2021", Count: 0},
		{From: "2022-01-01", To: "2022-12-31", Label: "2022", Count: 4},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("histogram (-want +got):\n%s", diff)
	}
}

func TestWeekStartsOnMonday(t *testing.T) {
	for in, want := range map[string]string{
		"2023-05-31": "2023-05-29", // Wednesday
		"2023-05-29": "2023-05-29", // Monday
		"2023-06-04": "2023-05-29", // Sunday
		"2024-01-01": "2024-01-01", // Monday
	} {
		if got := bucketStart(unitWeek, day(in)).Format("2006-01-02"); got != want {
			t.Errorf("week of %s starts %s, want %s", in, got, want)
		}
	}
}

func TestFacetListKeepsTicked(t *testing.T) {
	f := &ordField{byName: map[string]uint32{}}
	var counts []uint32
	for i := 0; i < FacetSize+5; i++ {
		v := fmt.Sprintf("v%02d", i)
		f.byName[v] = uint32(len(f.values))
		f.values = append(f.values, v)
		counts = append(counts, uint32(100-i))
	}
	o := &ordinals{}
	o.fields[ordOrg] = f
	got := o.facetList(ordOrg, counts, nil, []string{"v01", "v33", "gone"}, FacetSize)
	if len(got) != FacetSize+2 {
		t.Fatalf("%d values, want the top %d plus 2 ticked ones", len(got), FacetSize)
	}
	want := []FacetValue{{Value: "v33", Count: 67}, {Value: "gone", Count: 0}}
	if diff := cmp.Diff(want, got[FacetSize:]); diff != "" {
		t.Errorf("ticked values after the top ones (-want +got):\n%s", diff)
	}
}

func TestTopOrds(t *testing.T) {
	counts := []uint32{5, 0, 9, 5, 1, 9, 3}
	got := topOrds(counts, 4)
	// Most frequent first; equal counts by ordinal (value order).
	if diff := cmp.Diff([]uint32{2, 5, 0, 3}, got); diff != "" {
		t.Errorf("topOrds (-want +got):\n%s", diff)
	}
	if got := topOrds(counts, 10); len(got) != 6 {
		t.Errorf("topOrds with room for all: %v, want the 6 non-zero", got)
	}
	if got := topOrdsOf(counts, 2, []uint32{6, 0, 3}); !cmp.Equal(got, []uint32{0, 3}) {
		t.Errorf("topOrdsOf candidates: %v, want [0 3]", got)
	}
}
