// Package lazyregexp is a regular expression compiled on first use rather
// than at package initialization, so that a process that never uses it
// (wirediff --version, a search) does not pay to compile it at start.
package lazyregexp

import (
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled when one of its methods is first
// called. It is safe for concurrent use.
type Regexp struct {
	rx func() *regexp.Regexp
}

// New returns the regular expression expr, compiled on first use; an
// expression that does not compile panics then, as regexp.MustCompile
// does (they are constants of the program: a test of the package that
// uses one compiles it).
func New(expr string) *Regexp {
	return &Regexp{rx: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// Regexp returns the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.rx() }

func (r *Regexp) MatchString(s string) bool              { return r.rx().MatchString(s) }
func (r *Regexp) FindString(s string) string             { return r.rx().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int         { return r.rx().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string   { return r.rx().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int { return r.rx().FindStringSubmatchIndex(s) }
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.rx().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.rx().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.rx().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.rx().ReplaceAllStringFunc(src, repl)
}
func (r *Regexp) String() string { return r.rx().String() }
