package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/wirediff/wirediff/corpus"
	"github.com/wirediff/wirediff/index"
	"github.com/wirediff/wirediff/lineage"
)

const lineageUsage = `Usage: wirediff lineage [flags] [GROUP | ID...]

Reports, member by member, what each article of a group kept, added,
dropped and editorialized against the group's reference: its source (given
with --source or inferred: earliest and most contained in the others) or,
when no member is the source, the consensus of the members.

GROUP is a group label from 'wirediff dedup' or 'wirediff groups' (e.g.
r:000_4bd703d3e122696c); two or more article IDs make an ad-hoc group
(one ID is not enough: a lineage compares articles). With no argument,
every rewrite group of two or more articles is reported; with --source ID
alone, that article's rewrite group. A story group (s:...) holds
independent reports of one story, so it is reported per rewrite group. A
pair with no source is reported both ways, each against the other.

--format json writes one document whatever the number of groups, its
reports in a "lineage" list, each with its "group" (the label, or "ids"
for article IDs), as in 'wirediff dedup --lineage --format json'.
--out DIR writes one HTML page per group and is for --format html only
(table and JSON go to stdout: redirect it to write them to a file). A
page is named after its group, in lower case with '_' for characters a
file name may not hold, and a hash of the label that keeps every group's
page apart: r_000_4bd703d3e122696c-<16 hex digits>.html; index.html lists
the groups with their members, outlets and headline figures and links
every page. The paths written are printed.

Examples:
  wirediff dedup testdata/seeds && wirediff lineage
  wirediff lineage --format json r:000_4bd703d3e122696c
  wirediff lineage --format html --out report/ r:000_4bd703d3e122696c
  wirediff lineage --source 000_4bd703d3e122696c 000_4bd703d3e122696c 002_ac49a336ca4eb3e9
  wirediff lineage --source 000_4bd703d3e122696c
`

func cmdLineage(e *env, args []string) error {
	fs := pflag.NewFlagSet("lineage", pflag.ContinueOnError)
	dir := fs.String("index", index.DefaultDir, "index directory")
	lf := lineageFlags{}
	lf.register(fs)
	if err := parseFlags(e, fs, lineageUsage, args); err != nil {
		return err
	}
	if err := lf.check(); err != nil {
		return err
	}
	ix, err := openIndex(*dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	groups, err := lineageGroups(ix, fs.Args(), lf.source)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if g.note != "" {
			fmt.Fprintln(e.stderr, "wirediff: "+g.note)
		}
	}
	var reports []namedReport
	for _, g := range groups {
		arts := make([]corpus.Article, 0, len(g.ids))
		for _, id := range g.ids {
			en, err := ix.Get(id)
			if err != nil {
				return cliError{err, 2}
			}
			arts = append(arts, en.Article)
		}
		r, err := lineage.Analyze(arts, lineage.Options{Source: lf.source})
		if err != nil {
			return cliError{fmt.Errorf("group %s: %w", g.name, err), 2}
		}
		reports = append(reports, namedReport{g.name, r})
	}
	return lf.write(e.stdout, reports)
}

type lineageFlags struct {
	format, out, source string
}

func (l *lineageFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&l.format, "format", "f", "table", "output format: table, json or html")
	fs.StringVar(&l.out, "out", "", "write one HTML page per group into `DIR` (--format html only; default: stdout, for one group)")
	fs.StringVar(&l.source, "source", "", "use article `ID` as the reference instead of inferring it")
}

func (l *lineageFlags) check() error {
	switch l.format {
	case "table", "json", "html":
	default:
		return usagef("--format %q: want table, json or html", l.format)
	}
	if l.out != "" && l.format != "html" {
		return usagef("--out writes HTML pages: add --format html, or redirect the %s output to a file", l.format)
	}
	return nil
}

type namedReport struct {
	name string
	r    *lineage.Report
}

type lineageGroup struct {
	name string
	ids  []string
	note string // said on stderr before the reports
}

// lineageGroups resolves the arguments into groups of article IDs: no
// argument is every rewrite group, or with --source ID alone that
// article's rewrite group; a story group is reported per rewrite
// subgroup.
func lineageGroups(ix *index.Index, args []string, source string) ([]lineageGroup, error) {
	as, err := ix.Groups()
	if err != nil {
		return nil, cliError{err, 2}
	}
	members := map[string][]string{}
	for _, a := range as {
		for _, g := range []string{a.Copy, a.Rewrite, a.Story} {
			members[g] = append(members[g], a.ID)
		}
	}
	for _, ids := range members {
		sort.Strings(ids)
	}
	if len(args) == 0 && source != "" {
		a, ok := as[source]
		if !ok {
			return nil, cliError{fmt.Errorf("--source %q: not a grouped article in the index (see 'wirediff groups')", source), 2}
		}
		if len(members[a.Rewrite]) < 2 {
			return nil, cliError{fmt.Errorf("--source %q: its rewrite group %s has no other article; name the articles to compare it with", source, a.Rewrite), 2}
		}
		return []lineageGroup{{name: a.Rewrite, ids: members[a.Rewrite]}}, nil
	}
	if len(args) == 1 && strings.HasPrefix(args[0], "s:") {
		if _, ok := members[args[0]]; ok {
			return storyLineageGroups(args[0], as, members)
		}
	}
	if len(args) == 0 {
		var out []lineageGroup
		for g, ids := range members {
			if strings.HasPrefix(g, "r:") && len(ids) > 1 {
				out = append(out, lineageGroup{name: g, ids: ids})
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if len(out[i].ids) != len(out[j].ids) {
				return len(out[i].ids) > len(out[j].ids)
			}
			return out[i].name < out[j].name
		})
		if len(out) == 0 {
			return nil, cliError{errors.New("no rewrite group of two or more articles in the index (run 'wirediff dedup' first, or name article IDs)"), 1}
		}
		return out, nil
	}
	if len(args) == 1 {
		ids, ok := members[args[0]]
		if !ok {
			return nil, notAGroup(ix, args[0], as, members)
		}
		if len(ids) < 2 {
			return nil, cliError{fmt.Errorf("group %q has one article: nothing to compare", args[0]), 2}
		}
		return []lineageGroup{{name: args[0], ids: ids}}, nil
	}
	// Several arguments are article IDs: a group label among them is a
	// usage mistake, not a missing article.
	var groups []string
	missing := ""
	for _, id := range args {
		ok, err := ix.Has(id)
		if err != nil {
			return nil, err
		}
		_, group := members[id]
		switch {
		case ok:
		case group:
			groups = append(groups, id)
		case missing == "":
			missing = id
		}
	}
	switch {
	case len(groups) == 1:
		return nil, usagef("lineage: %q is a group, not an article: give one group alone, or article IDs only", groups[0])
	case len(groups) > 1:
		return nil, usagef("lineage: %s are groups: give one group, or none for every rewrite group, or two or more article IDs", quoteList(groups))
	case missing != "":
		return nil, cliError{fmt.Errorf("%w: %q", index.ErrNoID, missing), 2}
	}
	return []lineageGroup{{name: "ids", ids: args}}, nil
}

// storyLineageGroups splits story group s into its rewrite subgroups: a
// story group holds different reports of one story, which have no common
// reference. Subgroups of one article are named in a note; a story with
// no subgroup of two or more is refused with their names.
func storyLineageGroups(s string, as map[string]index.Assignment, members map[string][]string) ([]lineageGroup, error) {
	var rewrites []string
	for _, id := range members[s] {
		rewrites = append(rewrites, as[id].Rewrite)
	}
	sort.Strings(rewrites)
	rewrites = slices.Compact(rewrites)
	var out []lineageGroup
	var single []string
	for _, r := range rewrites {
		if len(members[r]) > 1 {
			out = append(out, lineageGroup{name: r, ids: members[r]})
		} else {
			single = append(single, r)
		}
	}
	if len(out) == 0 {
		return nil, cliError{fmt.Errorf("story group %s holds independent reports, no rewrite group of two or more articles (%s): name two or more of its articles to compare them",
			s, strings.Join(rewrites, ", ")), 2}
	}
	note := fmt.Sprintf("story group %s is reported per rewrite group: %s", s, joinLabels(out))
	if len(single) > 0 {
		note += fmt.Sprintf("; %s of one article left out (%s)", pluralWord(len(single), "rewrite group", "rewrite groups"), strings.Join(single, ", "))
	}
	out[0].note = note
	return out, nil
}

func joinLabels(gs []lineageGroup) string {
	var ls []string
	for _, g := range gs {
		ls = append(ls, fmt.Sprintf("%s (%d articles)", g.name, len(g.ids)))
	}
	return strings.Join(ls, ", ")
}

// pluralWord returns "1 group", "2 groups".
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// quoteList lists ss quoted, as in prose: "a", "b" and "c".
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// groupLineage is the lineage report of one group in JSON.
type groupLineage struct {
	Group string `json:"group"`
	*lineage.Report
}

// lineageJSON lists reports as in JSON output: each with its group.
func lineageJSON(reports []namedReport) []groupLineage {
	out := make([]groupLineage, 0, len(reports)) // [], not null, when empty
	for _, nr := range reports {
		out = append(out, groupLineage{nr.name, nr.r})
	}
	return out
}

// notAGroup is the error for a single argument that names no group: a
// usage error when it is an article (a lineage needs two), else an
// unknown group.
func notAGroup(ix *index.Index, arg string, as map[string]index.Assignment, members map[string][]string) error {
	a, grouped := as[arg]
	if !grouped {
		ok, err := ix.Has(arg)
		if err != nil {
			return cliError{err, 2}
		}
		if !ok {
			return cliError{fmt.Errorf("unknown group %q: neither a group nor an article in the index (see 'wirediff groups')", arg), 2}
		}
	}
	hint := "two or more article IDs"
	if n := len(members[a.Rewrite]); grouped && n > 1 {
		hint = fmt.Sprintf("its group %s (%d articles) or %s", a.Rewrite, n, hint)
	}
	return usagef("lineage: %q is an article, not a group: a lineage needs at least two articles; give %s", arg, hint)
}

func (l *lineageFlags) write(w io.Writer, reports []namedReport) error {
	if l.format == "json" {
		// One document, shaped like the "lineage" list of 'dedup
		// --lineage --format json', whatever the number of groups.
		enc := newJSONEncoder(w, true)
		doc := struct {
			Lineage []groupLineage `json:"lineage"`
		}{lineageJSON(reports)}
		if err := enc.Encode(doc); err != nil {
			return fmt.Errorf("lineage: writing JSON: %w", err)
		}
		return nil
	}
	for i, nr := range reports {
		switch l.format {
		case "table":
			if len(reports) > 1 {
				n := len(nr.r.Members)
				if nr.r.Reference.SourceID != "" {
					n++
				}
				fmt.Fprintf(w, "== %s (%s)\n", nr.name, pluralWord(n, "article", "articles"))
			}
			if err := nr.r.WriteTable(w); err != nil {
				return err
			}
			if i < len(reports)-1 {
				fmt.Fprintln(w)
			}
		case "html":
			if l.out == "" {
				if len(reports) > 1 {
					return usagef("--format html with %d groups: give --out DIR for one page per group", len(reports))
				}
				return nr.r.WriteHTMLPage(w, nr.name)
			}
			name := pageName(nr.name)
			if err := writeFile(filepath.Join(l.out, name), func(f io.Writer) error { return nr.r.WriteHTMLPage(f, nr.name) }); err != nil {
				return err
			}
			fmt.Fprintf(w, "%s\n", filepath.Join(l.out, name))
		}
	}
	if l.format == "html" && l.out != "" {
		// The index page links every group's page.
		entries := make([]lineage.IndexEntry, len(reports))
		for i, nr := range reports {
			entries[i] = lineage.IndexEntry{Group: nr.name, Page: pageName(nr.name), Report: nr.r}
		}
		index := filepath.Join(l.out, "index.html")
		if err := writeFile(index, func(f io.Writer) error { return lineage.WriteIndexHTML(f, entries) }); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\n", index)
	}
	return nil
}

// writeFile creates path (and its directory) and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pageName returns the file name of group's HTML page: the label in
// lower case with every character but a-z, 0-9, '_' and '-' as '_' (and
// a leading '-' too), cut at 100 bytes, then '-', 16 hex digits of the
// label's SHA-256 and ".html". The hash tells apart labels that differ
// only in the characters replaced (r:a/b, r:a:b, r_a_b), in case (on
// case-insensitive filesystems) or past the cut; the name holds no dot
// but the extension's (no hidden file, no "con.txt" on Windows) and no
// separator, whatever the label.
func pageName(group string) string {
	const maxStem = 100
	var b strings.Builder
	for _, r := range group {
		if b.Len() >= maxStem {
			break
		}
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '_', r == '-' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		b.WriteByte('_')
	}
	sum := sha256.Sum256([]byte(group))
	return fmt.Sprintf("%s-%x.html", b.String(), sum[:8])
}
