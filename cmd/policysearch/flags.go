package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Flags are parsed by the standard flag package, which already accepts
// both -flag and --flag; this file only makes it speak as the usage does
// (--flag), print help on stdout with exit 0, and answer a wrong flag with
// one line instead of the whole help. peterbourgon/ff was weighed for flags
// plus environment variables and not taken: the environment is one envOr
// per flag here, the help text is ours either way, and every command's
// flags would have to be rewritten for no new capability.

// errUsage means the flags were wrong and the error has been printed; the
// command exits 2.
var errUsage = errors.New("usage")

// errHelp means --help was asked for and printed; the command exits 0.
var errHelp = errors.New("help")

// stdout and stderr are where help and flag errors go (tests swap them).
var (
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)

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

// synopses keeps each command's synopsis for its --help.
var synopses = map[string]string{}

// newFlagSet returns a FlagSet whose --help lists flags as --flag with the
// environment variable that sets each. Its Usage, which commands call on a
// wrong argument, prints only where to find the help.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	synopses[name] = synopsis
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, "Run 'policysearch %s --help' for its flags.\n", name) }
	return fs
}

// printHelp writes a command's help: synopsis, description and flags.
func printHelp(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: policysearch %s %s\n\nFlags:\n", fs.Name(), synopses[fs.Name()])
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		switch typ {
		case "":
		case "value":
			line += " NAME" // the repeatable filters
		default:
			line += " " + strings.ToUpper(typ)
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "%s\n        %s%s\n", line, usage, def)
	})
}

// singleDash matches the flag package's way of naming a flag in its errors.
var singleDash = regexp.MustCompile(`(^|[ :])-([A-Za-z])`)

// parseFlags parses args. --help prints the help on stdout (errHelp); a
// wrong flag prints the error and where to find the help (errUsage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package calls it on every error
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(stderr)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		printHelp(stdout, fs)
		return errHelp
	}
	msg := strings.Replace(err.Error(), "flag provided but not defined", "unknown flag", 1)
	fmt.Fprintf(stderr, "policysearch %s: %s\n", fs.Name(), singleDash.ReplaceAllString(msg, "$1--$2"))
	usage()
	return errUsage
}

// stringList is a repeatable flag (--org A --org B).
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
