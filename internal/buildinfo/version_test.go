package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/wirediff/wirediff", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-12-01T10:00:00Z"}}}
	for _, tt := range []struct {
		bi      *debug.BuildInfo
		stamped string
		want    string
	}{
		// A module version and the commit from the build information.
		{bi, "", "wirediff v1.2.3 commit 0123abcd+dirty (2026-12-01T10:00:00Z) go1.26.0"},
		// The module version wins over a stamp.
		{bi, "v9.9.9", "wirediff v1.2.3 commit 0123abcd+dirty (2026-12-01T10:00:00Z) go1.26.0"},
		// No module version (a build from a checkout): the stamp.
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "3bad46d-dirty", "wirediff 3bad46d-dirty go1.26.0"},
		{&debug.BuildInfo{GoVersion: "go1.26.0"}, "v1.0.0-3-g3bad46d", "wirediff v1.0.0-3-g3bad46d go1.26.0"},
		// Neither: said so, with how to get one.
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "", "wirediff " + Unversioned + " go1.26.0"},
		// No build information at all.
		{&debug.BuildInfo{}, "abc1234", "wirediff abc1234"},
	} {
		if got := VersionLine(tt.bi, tt.stamped); got != tt.want {
			t.Errorf("VersionLine(%+v, %q) = %q, want %q", tt.bi.Main, tt.stamped, got, tt.want)
		}
	}
}

// TestRunning: the running binary's line names the Go version it was
// built with, and a stamp when the build information has no module
// version (a test binary has none).
func TestRunning(t *testing.T) {
	got := Running("v0.0.0-test")
	if !strings.HasPrefix(got, "wirediff ") || !strings.HasSuffix(got, " "+runtime.Version()) {
		t.Errorf("Running = %q, want \"wirediff ...\" ending in %s", got, runtime.Version())
	}
	if bi, ok := debug.ReadBuildInfo(); ok && (bi.Main.Version == "" || bi.Main.Version == "(devel)") && !strings.Contains(got, "v0.0.0-test") {
		t.Errorf("Running(%q) = %q: the stamp is missing", "v0.0.0-test", got)
	}
}
