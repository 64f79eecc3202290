package main

import (
	"strings"
	"testing"
)

// TestCheckFloors: a figure below its floor (or above its ceiling) is a
// miss; a floor with no figure is a miss only when strict (under CI).
func TestCheckFloors(t *testing.T) {
	floors := map[string]float64{"aeb body F1": 0.9, "l3s-gn1 title": 0.6, "slowest page ms (max)": 500}
	figures := map[string]float64{"aeb body F1": 0.85, "slowest page ms (max)": 800}
	loose := checkFloors(floors, figures, false)
	if len(loose) != 2 || !strings.Contains(loose[0], "aeb body F1 = 0.850") || !strings.Contains(loose[1], "above the ceiling") {
		t.Errorf("not strict: %q", loose)
	}
	strict := checkFloors(floors, figures, true)
	if len(strict) != 3 || !strings.Contains(strings.Join(strict, "\n"), "l3s-gn1 title was not measured") {
		t.Errorf("strict: %q, want the unmeasured set named", strict)
	}
	if got := checkFloors(floors, map[string]float64{"aeb body F1": 0.95, "l3s-gn1 title": 0.7, "slowest page ms (max)": 100}, true); len(got) != 0 {
		t.Errorf("all met: %q", got)
	}
}

// TestUnderCI: CI=true is strict, CI unset or false is not.
func TestUnderCI(t *testing.T) {
	for v, want := range map[string]bool{"": false, "false": false, "0": false, "true": true, "1": true} {
		t.Setenv("CI", v)
		if got := underCI(); got != want {
			t.Errorf("CI=%q: underCI() = %v, want %v", v, got, want)
		}
	}
}
