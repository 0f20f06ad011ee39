// Package buildinfo says which build of wirediff is running.
package buildinfo

import "runtime/debug"

// Unversioned is the version shown for a build with no version
// information at all: neither a module version nor a stamp.
const Unversioned = "(devel, built without version information: 'make build' stamps the commit)"

// VersionLine is what --version prints: the module version of bi (a tag when
// built with "go install ...@vX", a pseudo-version when the go command
// stamped one from version control), else stamped, the version the build
// stamped with -ldflags -X, then the VCS commit the binary was built
// from, marked "+dirty" when the tree had changes, and the Go version.
func VersionLine(bi *debug.BuildInfo, stamped string) string {
	version := bi.Main.Version
	if version == "" || version == "(devel)" {
		version = stamped
	}
	if version == "" {
		version = Unversioned
	}
	var commit, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			commit = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	line := "wirediff " + version
	if commit != "" {
		line += " commit " + commit
		if dirty {
			line += "+dirty"
		}
		if when != "" {
			line += " (" + when + ")"
		}
	}
	if bi.GoVersion != "" {
		line += " " + bi.GoVersion
	}
	return line
}

// Running is the [VersionLine] of the running binary, stamped the
// version its build stamped, if any ("" for none).
func Running(stamped string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = &debug.BuildInfo{}
	}
	return VersionLine(bi, stamped)
}
