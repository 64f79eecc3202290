package main

import (
	"context"
	"errors"
	"testing"
)

// TestEntitiesMissingSet: locally a missing set is skipped with a note;
// under CI=true it fails, so CI never passes on figures it did not measure.
func TestEntitiesMissingSet(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CI", "")
	if missed, err := runEntities(context.Background(), dir); err != nil || len(missed) != 0 {
		t.Errorf("without CI: missed %v, err %v; want both empty", missed, err)
	}
	t.Setenv("CI", "true")
	if _, err := runEntities(context.Background(), dir); !errors.Is(err, errSetMissing) {
		t.Errorf("with CI=true: err %v, want errSetMissing", err)
	}
}
