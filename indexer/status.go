package indexer

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"
)

// BuildRecord is what INDEX/last-build.json holds: the outcome of the last
// build or add that got the build lock, for /metrics and operators.
type BuildRecord struct {
	// OK is true when the build made its generation live.
	OK         bool      `json:"ok"`
	Kind       string    `json:"kind"` // "full", "incremental" or "add"
	Started    time.Time `json:"started"`
	Finished   time.Time `json:"finished"`
	Generation string    `json:"generation,omitempty"`
	Docs       uint64    `json:"docs"`
	Indexed    int       `json:"indexed"`
	Unchanged  int       `json:"unchanged"`
	Removed    int       `json:"removed"`
	Skipped    int       `json:"skipped"`
	Error      string    `json:"error,omitempty"`
}

// LastBuild returns the record of the last build, or nil (and no error)
// when no build has finished in dir yet.
func LastBuild(dir string) (*BuildRecord, error) {
	var r BuildRecord
	err := readJSON(filepath.Join(dir, lastBuildFile), &r)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read last build of %s: %w", dir, err)
	}
	return &r, nil
}

func writeLastBuild(dir string, r *BuildRecord) error {
	return writeJSON(filepath.Join(dir, lastBuildFile), r)
}

// Status is the state of an index directory, for /metrics.
type Status struct {
	// Live is the live generation's name, "" when there is none.
	Live string
	// Created is when the live generation was built; its age is time.Since(Created).
	Created time.Time
	// Docs is the number of documents in the live generation.
	Docs uint64
	// LastBuild is the last build's record, nil when none was recorded.
	LastBuild *BuildRecord
}

// ReadStatus reads the live generation's manifest and the last build record:
// a few small files, no index is opened.
func ReadStatus(dir string) (*Status, error) {
	s := &Status{}
	var err error
	if s.LastBuild, err = LastBuild(dir); err != nil {
		return nil, err
	}
	name, err := LiveGeneration(dir)
	if errors.Is(err, ErrNoIndex) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := ReadManifest(dir, name)
	if err != nil {
		return nil, err
	}
	s.Live, s.Created, s.Docs = name, m.Created, m.Docs
	return s, nil
}
