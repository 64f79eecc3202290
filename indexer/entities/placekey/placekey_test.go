package placekey

import (
	"slices"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Az Zabadānī", []string{"az zabadani", "zabadani"}},
		{"al-Qa'im", []string{"al qaim", "qaim"}},
		{"Al Qā’im", []string{"al qaim", "qaim"}},
		{"Hauppauge", []string{"hauppauge"}},
		{"São  Paulo", []string{"sao paulo"}},
		{"Alma", []string{"alma"}},
		{"Saint Paul", []string{"saint paul", "st paul"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := Keys(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Keys(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
