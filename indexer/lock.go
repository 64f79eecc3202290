package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Locks are flock(2) locks: the kernel drops them when the process dies, even
// by kill -9, so a crashed build never leaves a stale lock behind.

// ErrBuildRunning means another build holds the index's build lock.
var ErrBuildRunning = errors.New("another build is running")

// buildLock is the exclusive lock a build holds for its whole run.
type buildLock struct{ f *os.File }

// lockBuild takes the build lock of dir. Without wait it fails at once with
// ErrBuildRunning (naming the holder); with wait it blocks until the other
// build ends or ctx is done, calling waiting once first.
func lockBuild(ctx context.Context, dir string, wait bool, waiting func(holder string)) (*buildLock, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	err = flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		holder := lockHolder(path)
		if !wait {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w (%s); try again when it ends", path, ErrBuildRunning, holder)
		}
		if waiting != nil {
			waiting(holder)
		}
		err = flockWait(ctx, f, syscall.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	// The holder's description is for the message a second build prints.
	info := fmt.Sprintf("pid %d, since %s", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(info+"\n"), 0)
	}
	return &buildLock{f: f}, nil
}

func (l *buildLock) release() error {
	_ = l.f.Truncate(0)
	return l.f.Close() // closing drops the flock
}

func lockHolder(path string) string {
	// The holder writes its pid just after taking the lock; a build that
	// lost the race by a hair may read the file before that.
	for range 3 {
		b, _ := os.ReadFile(path)
		if s := strings.TrimSpace(string(b)); s != "" {
			return "held by " + s
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "held by another process"
}

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			return err
		}
	}
}

// flockWait blocks for a lock but still honours ctx: it polls a
// non-blocking attempt, since a blocked flock cannot be interrupted.
func flockWait(ctx context.Context, f *os.File, how int) error {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		err := flock(f, how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// inuse is a shared lock on a generation's inuse file, held by everyone who
// has the generation open; the pruner deletes a generation only after taking
// the exclusive lock without waiting.
type inuse struct{ f *os.File }

// errGenerationGone means the generation was pruned while we tried to mark it.
var errGenerationGone = errors.New("generation pruned meanwhile")

// markInUse takes a shared lock on generation name of dir.
func markInUse(dir, name string) (*inuse, error) {
	path := filepath.Join(generationPath(dir, name), inuseFile)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open generation %s: %w", name, errGenerationGone)
		}
		return nil, fmt.Errorf("open generation %s: %w", name, err)
	}
	if err := flock(f, syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			// Only the pruner takes it exclusively, and it is deleting it.
			return nil, fmt.Errorf("open generation %s: %w", name, errGenerationGone)
		}
		return nil, fmt.Errorf("open generation %s: lock: %w", name, err)
	}
	// The pruner may have deleted the folder between our open and our lock;
	// then our file is an unlinked inode and the path names nothing (or,
	// never in practice, something else).
	if !sameFile(f, path) {
		f.Close()
		return nil, fmt.Errorf("open generation %s: %w", name, errGenerationGone)
	}
	return &inuse{f: f}, nil
}

func (u *inuse) release() error { return u.f.Close() }

func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	if err != nil {
		return false
	}
	return os.SameFile(a, b)
}

// tryRemoveGeneration deletes a generation unless someone has it open.
func tryRemoveGeneration(dir, name string) (removed bool, err error) {
	gen := generationPath(dir, name)
	f, err := os.Open(filepath.Join(gen, inuseFile))
	if errors.Is(err, os.ErrNotExist) {
		// A build killed before it made the marker: nobody can have it open.
		return true, removeAll(gen)
	}
	if err != nil {
		return false, fmt.Errorf("prune generation %s: %w", name, err)
	}
	defer f.Close()
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return false, nil
		}
		return false, fmt.Errorf("prune generation %s: lock: %w", name, err)
	}
	return true, removeAll(gen)
}

// removeAll first renames the folder to a hidden name so that a folder
// half-deleted by a crash is never mistaken for a generation.
func removeAll(gen string) error {
	trash := filepath.Join(filepath.Dir(gen), ".trash-"+filepath.Base(gen))
	if err := os.Rename(gen, trash); err != nil {
		return fmt.Errorf("remove %s: %w", gen, err)
	}
	crashPoint("removing")
	if err := os.RemoveAll(trash); err != nil {
		return fmt.Errorf("remove %s: %w", gen, err)
	}
	return nil
}
