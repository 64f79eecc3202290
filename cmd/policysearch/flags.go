package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// errUsage means the flags were wrong and the usage has been printed.
var errUsage = errors.New("usage")

// Defaults shared by every command.
const (
	defaultIndexDir  = "data/index"
	defaultCorpusDir = "corpus"
	defaultAddr      = "localhost:8080"
)

// envOr returns the environment variable's value, or def when it is unset.
// Every flag can be set this way (POLICYSEARCH_INDEX, POLICYSEARCH_CORPUS, …).
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// intFromEnv reads a whole number from the environment, def when unset.
func intFromEnv(name string, def int) (int, error) {
	v := envOr(name, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: not a whole number", name, v)
	}
	return n, nil
}

// boolFromEnv reads true or false (as strconv.ParseBool spells them) from
// the environment, false when unset: POLICYSEARCH_JSON=false must not mean yes.
func boolFromEnv(name string) (bool, error) {
	v := envOr(name, "")
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false", name, v)
	}
	return b, nil
}

// newFlagSet returns a FlagSet whose --help lists flags with the environment
// variable that sets each.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: policysearch %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns -h and flag errors into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return nil
}

// stringList is a repeatable flag (--org A --org B).
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
