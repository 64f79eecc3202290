package opensearch

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests of this package run against a real OpenSearch node, started
// from the launcher in scripts/opensearch (make test-opensearch builds it
// and sets POLICYSEARCH_OPENSEARCH_LAUNCHER to its folder). Without that
// variable they skip, so that `make test` needs nothing but Go; with it (or
// under CI=true) a node that does not start fails the test.

// launcherDir returns the launcher's folder, skipping the test without one.
func launcherDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("POLICYSEARCH_OPENSEARCH_LAUNCHER")
	if dir == "" {
		if os.Getenv("CI") == "true" && os.Getenv("POLICYSEARCH_OPENSEARCH_REQUIRED") != "" {
			t.Fatal("POLICYSEARCH_OPENSEARCH_LAUNCHER is not set; run make test-opensearch")
		}
		t.Skip("no OpenSearch launcher (make test-opensearch sets POLICYSEARCH_OPENSEARCH_LAUNCHER)")
	}
	return dir
}

// node is one OpenSearch JVM started by a test.
type node struct {
	name      string
	http      int
	transport int
	cmd       *exec.Cmd
	done      chan error
	readyCh   chan struct{}
	stopOnce  sync.Once
}

func (n *node) url() string { return "http://127.0.0.1:" + strconv.Itoa(n.http) }

// stop ends the node's JVM (SIGTERM, then SIGKILL after a grace period).
// It may be called more than once (by a test, then by its clean-up).
func (n *node) stop() {
	n.stopOnce.Do(func() {
		if n.cmd.Process == nil {
			return
		}
		_ = n.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-n.done:
		case <-time.After(30 * time.Second):
			_ = n.cmd.Process.Kill()
			<-n.done
		}
	})
}

// freePorts returns n ports free on loopback now.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ls []net.Listener
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// nodeHeap is each test node's JVM heap: small, since the machine running
// the tests may have little memory and three nodes run at once.
const nodeHeap = "384m"

// startCluster starts size nodes on loopback (size 1: a single-node
// cluster) and waits until each answers; they are stopped when the test
// ends. Each node logs to a file in the test's temporary folder.
func startCluster(t *testing.T, size int) []*node {
	t.Helper()
	dir := launcherDir(t)
	cp, err := os.ReadFile(filepath.Join(dir, "target", "classpath.txt"))
	if err != nil {
		t.Fatalf("launcher not built (scripts/opensearch/build.sh): %v", err)
	}
	classpath := filepath.Join(dir, "target", "classes") + string(os.PathListSeparator) + strings.TrimSpace(string(cp))
	ports := freePorts(t, 2*size)
	var nodes []*node
	var names, seeds []string
	for i := range size {
		n := &node{name: fmt.Sprintf("n%d", i+1), http: ports[2*i], transport: ports[2*i+1], done: make(chan error, 1)}
		nodes = append(nodes, n)
		names = append(names, n.name)
		seeds = append(seeds, strconv.Itoa(n.transport))
	}
	home := t.TempDir()
	for _, n := range nodes {
		args := []string{"-Xms" + nodeHeap, "-Xmx" + nodeHeap, "-XX:+UseSerialGC", "-cp", classpath, "policysearch.Launcher",
			filepath.Join(home, n.name), strconv.Itoa(n.http), strconv.Itoa(n.transport)}
		if size > 1 {
			args = append(args, n.name, strings.Join(seeds, ","), strings.Join(names, ","))
		}
		n.cmd = exec.Command("java", args...)
		// A test binary killed by a time-out takes its nodes with it,
		// rather than leaving JVMs that hold ports and memory.
		n.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		logf, err := os.Create(filepath.Join(home, n.name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := n.cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		n.cmd.Stderr = logf
		if err := n.cmd.Start(); err != nil {
			t.Fatalf("start OpenSearch node %s: %v", n.name, err)
		}
		ready := make(chan struct{})
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				fmt.Fprintln(logf, sc.Text())
				if strings.HasPrefix(sc.Text(), "ready ") {
					close(ready)
				}
			}
		}()
		go func() { n.done <- n.cmd.Wait(); logf.Close() }()
		t.Cleanup(n.stop)
		n.readyCh = ready
	}
	for _, n := range nodes {
		select {
		case <-n.readyCh:
		case err := <-n.done:
			n.done <- err
			t.Fatalf("OpenSearch node %s exited before it was ready (%v); its log: %s", n.name, err, filepath.Join(home, n.name+".log"))
		case <-time.After(3 * time.Minute):
			t.Fatalf("OpenSearch node %s not ready after 3 minutes; its log: %s", n.name, filepath.Join(home, n.name+".log"))
		}
	}
	c := clientFor(t, nodes...)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for {
		h, err := c.Health(ctx, 5*time.Second)
		if err == nil && h.Nodes == size {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("cluster of %d nodes did not form: %v %+v", size, err, h)
		}
		time.Sleep(time.Second)
	}
	return nodes
}

func clientFor(t *testing.T, nodes ...*node) *Client {
	t.Helper()
	var urls []string
	for _, n := range nodes {
		urls = append(urls, n.url())
	}
	c, err := NewClient(strings.Join(urls, ","))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }
