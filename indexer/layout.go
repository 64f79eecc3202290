package indexer

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// On-disk layout of an index directory:
//
//	INDEX/LIVE                      name of the live generation (one line)
//	INDEX/build.lock                flock held by the one running build
//	INDEX/last-build.json           result of the last build (for /metrics)
//	INDEX/generations/NAME/bleve/   the bleve (scorch) index of one generation
//	INDEX/generations/NAME/inuse    readers hold a shared flock on it
//	INDEX/generations/NAME/manifest.json  written last: the generation is complete
//
// Generation names start with a UTC timestamp, so sorting them by name sorts
// them by age.
const (
	liveFile      = "LIVE"
	lockFile      = "build.lock"
	lastBuildFile = "last-build.json"
	generationDir = "generations"
	bleveDir      = "bleve"
	inuseFile     = "inuse"
	manifestFile  = "manifest.json"
)

// ErrNoIndex means the index directory has no live generation yet.
var ErrNoIndex = errors.New("no live index")

// ErrBadLive means the LIVE file is empty or garbage, or names a generation
// that is not there (or has no index): the index cannot be opened, and an
// incremental build has nothing to start from. A full build replaces it.
var ErrBadLive = errors.New("the live index is damaged")

// recoverHint tells the operator how to get out of ErrBadLive.
const recoverHint = "run 'policysearch index --full' to rebuild it from the corpus and replace it"

// Manifest describes a complete generation. Its presence is what marks a
// generation as complete: a build writes it only after the index has been
// closed, reopened read-only and verified.
type Manifest struct {
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
	Docs    uint64    `json:"docs"`
	// Base is the generation this one was copied from ("" for a full build).
	Base string `json:"base,omitempty"`
	// Corpus is the absolute corpus folder the documents came from, so that
	// `policysearch add` can give a file the same id a build would.
	Corpus string `json:"corpus,omitempty"`
	// Mapping fingerprints the index mapping; an incremental build over a
	// generation made with another mapping turns into a full build.
	Mapping string `json:"mapping"`
}

func generationsPath(dir string) string { return filepath.Join(dir, generationDir) }

func generationPath(dir, name string) string { return filepath.Join(dir, generationDir, name) }

// GenerationPath returns the bleve index folder of a generation.
func GenerationPath(dir, name string) string {
	return filepath.Join(generationPath(dir, name), bleveDir)
}

// LiveGeneration returns the name of the live generation: one small file
// read, cheap enough to poll every second for hot reload. It returns an error
// wrapping ErrNoIndex when there is none.
func LiveGeneration(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, liveFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read live generation of %s: %w", dir, ErrNoIndex)
	}
	if err != nil {
		return "", fmt.Errorf("read live generation of %s: %w", dir, err)
	}
	name := strings.TrimSpace(string(b))
	if !validName(name) {
		if len(name) > 80 {
			name = name[:80] + "…"
		}
		return "", fmt.Errorf("read live generation of %s: %w: %s holds %q, not a generation name; %s",
			dir, ErrBadLive, filepath.Join(dir, liveFile), name, recoverHint)
	}
	return name, nil
}

// Exists reports whether dir has a live generation.
func Exists(dir string) bool {
	_, err := LiveGeneration(dir)
	return err == nil
}

// ReadManifest returns the manifest of a complete generation.
func ReadManifest(dir, name string) (*Manifest, error) {
	var m Manifest
	if err := readJSON(filepath.Join(generationPath(dir, name), manifestFile), &m); err != nil {
		return nil, fmt.Errorf("read manifest of generation %s: %w", name, err)
	}
	return &m, nil
}

// readJSON decodes the JSON file at path into v.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// writeJSON replaces the file at path with v as indented JSON, atomically.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return writeFileAtomic(path, append(b, '\n'))
}

// validName keeps a corrupt or hostile LIVE file from pointing outside the
// generations folder.
func validName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}

// newGenerationName returns a fresh name that sorts after every older one.
func newGenerationName(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(b[:])
}

// listGenerations returns the generation folder names, oldest first.
func listGenerations(dir string) ([]string, error) {
	entries, err := os.ReadDir(generationsPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list generations of %s: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && validName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// writeFileAtomic replaces path with data so that a reader (or a crash) sees
// either the old content or the new, never a mix: temp file in the same
// folder, fsync, rename, fsync the folder.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op once renamed
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Readable by a server running as another user.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename or a new file in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// setLive switches the live generation.
func setLive(dir, name string) error {
	return writeFileAtomic(filepath.Join(dir, liveFile), []byte(name+"\n"))
}
