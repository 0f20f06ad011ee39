package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contractCases are one run of every command that lists or reports, on
// the seeds (the index of seedIndex), with the formats it offers.
func contractCases(ix string) []struct {
	cmd     string
	args    []string
	formats []string
} {
	all := []string{"table", "json", "jsonl", "csv", "tsv"}
	return []struct {
		cmd     string
		args    []string
		formats []string
	}{
		{"dedup", []string{"dedup", "--no-index", seeds}, all},
		{"groups", []string{"groups", "--index", ix, "--level", "story"}, all},
		{"search", []string{"search", "--index", ix, "Witkoff"}, all},
		{"similar", []string{"similar", "--index", ix, "--passages", "1", "000_4bd703d3e122696c"}, all},
		{"show", []string{"show", "--index", ix, "--no-text", "001_2ea4910e153269e2", "003_d4f861dc4b37a64b"}, all},
		{"editorial", []string{"editorial", seeds + "/001_2ea4910e153269e2.txt"}, all},
		{"eval", []string{"eval", "--gold", "testdata/seeds-gold.tsv", seeds}, []string{"table", "json"}},
		{"lineage", []string{"lineage", "--index", ix}, []string{"table", "json", "jsonl"}},
		{"lineage-outlets", []string{"lineage", "--index", ix, "--by-outlet"}, all},
		{"explain", []string{"explain", "--index", ix, "000_4bd703d3e122696c", "002_ac49a336ca4eb3e9"}, []string{"table", "json"}},
	}
}

// TestOutputContract runs every listing command in every format: the
// output is its golden file (testdata/golden/contract/CMD.FORMAT), JSON is
// one object that docs/schema/CMD.json accepts, each JSON line is a
// record of the type the schema names (x-jsonl), CSV and TSV have one
// header and rows of its width, in the order of the JSON lines, with the
// JSON lines' IDs.
func TestOutputContract(t *testing.T) {
	ix := seedIndex(t)
	for _, c := range contractCases(ix) {
		schema := readSchema(t, c.cmd)
		var jsonlIDs []string
		for _, format := range c.formats {
			t.Run(c.cmd+"."+format, func(t *testing.T) {
				out, errs, code := wirediff(t, "", append(c.args, "--format", format)...)
				require.Equal(t, 0, code, "%v: %s", c.args, errs)
				golden(t, filepath.Join("contract", c.cmd+"."+format), out)
				switch format {
				case "json":
					var doc any
					dec := json.NewDecoder(strings.NewReader(out))
					require.NoError(t, dec.Decode(&doc))
					assert.False(t, dec.More(), "one JSON document")
					_, isObject := doc.(map[string]any)
					assert.True(t, isObject, "the document is an object")
					assert.NoError(t, validate(schema, schema, doc, "$"))
				case "jsonl":
					ptr, _ := schema["x-jsonl"].(string)
					require.NotEmpty(t, ptr, "the schema names the JSON lines' record (x-jsonl)")
					rec := resolve(t, schema, ptr)
					for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
						var v any
						require.NoError(t, json.Unmarshal([]byte(line), &v), line)
						assert.NoError(t, validate(schema, rec, v, "$"))
						if m, ok := v.(map[string]any); ok {
							if id, ok := m[keyColumn(c.cmd)].(string); ok {
								jsonlIDs = append(jsonlIDs, id)
							}
						}
					}
				case "csv", "tsv":
					r := csv.NewReader(strings.NewReader(out))
					if format == "tsv" {
						r.Comma, r.LazyQuotes = '\t', true
					}
					rows, err := r.ReadAll() // fails on rows of another width
					require.NoError(t, err)
					require.NotEmpty(t, rows)
					col := slices.Index(rows[0], keyColumn(c.cmd))
					require.GreaterOrEqual(t, col, 0, "a %s column", keyColumn(c.cmd))
					var ids []string
					for _, row := range rows[1:] {
						if len(ids) == 0 || ids[len(ids)-1] != row[col] {
							ids = append(ids, row[col])
						}
					}
					if c.cmd != "groups" { // one JSON line per group, one row per member
						assert.Equal(t, jsonlIDs, ids, "rows in the order of the JSON lines")
					}
				}
			})
		}
	}
}

// keyColumn is the field that names a record of cmd's JSON lines and
// rows: "id", or for the outlets of lineage --by-outlet, "outlet".
func keyColumn(cmd string) string {
	if cmd == "lineage-outlets" {
		return "outlet"
	}
	return "id"
}

func readSchema(t *testing.T, cmd string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema", cmd+".json"))
	require.NoError(t, err)
	var s map[string]any
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

// resolve follows a JSON pointer ("#/properties/hits/items") in root.
func resolve(t *testing.T, root map[string]any, ptr string) map[string]any {
	t.Helper()
	s, err := lookup(root, ptr)
	require.NoError(t, err)
	return s
}

func lookup(root map[string]any, ptr string) (map[string]any, error) {
	var cur any = root
	for _, part := range strings.Split(strings.TrimPrefix(ptr, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: no %q", ptr, part)
		}
		cur = m[part]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a schema", ptr)
	}
	return m, nil
}

// validate checks v against the part of JSON Schema the schemas in
// docs/schema use: $ref (within the file), type, enum, properties,
// required, additionalProperties (false or a schema), items, minItems,
// minLength, minimum and maximum.
func validate(root, s map[string]any, v any, at string) error {
	if ref, ok := s["$ref"].(string); ok {
		rs, err := lookup(root, ref)
		if err != nil {
			return err
		}
		return validate(root, rs, v, at)
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v not one of %v", at, v, enum)
	}
	if typ, ok := s["type"].(string); ok {
		if got := jsonType(v); got != typ && !(typ == "number" && got == "integer") {
			return fmt.Errorf("%s: %s, want %s", at, got, typ)
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				return fmt.Errorf("%s: no %q", at, r)
			}
		}
		for k, x := range v {
			ps, ok := props[k].(map[string]any)
			if !ok {
				switch ap := s["additionalProperties"].(type) {
				case bool:
					if !ap {
						return fmt.Errorf("%s: %q is not in the schema", at, k)
					}
					continue
				case map[string]any:
					ps = ap
				default:
					continue
				}
			}
			if err := validate(root, ps, x, at+"."+k); err != nil {
				return err
			}
		}
	case []any:
		if min, ok := s["minItems"].(float64); ok && float64(len(v)) < min {
			return fmt.Errorf("%s: %d items, want %v or more", at, len(v), min)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range v {
				if err := validate(root, items, x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case float64:
		if min, ok := s["minimum"].(float64); ok && v < min {
			return fmt.Errorf("%s: %v below %v", at, v, min)
		}
		if max, ok := s["maximum"].(float64); ok && v > max {
			return fmt.Errorf("%s: %v above %v", at, v, max)
		}
	case string:
		if min, ok := s["minLength"].(float64); ok && float64(len(v)) < min {
			return fmt.Errorf("%s: %q shorter than %v", at, v, min)
		}
	}
	return nil
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func asStrings(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// TestValidate: the validator the contract test relies on rejects what
// it must.
func TestValidate(t *testing.T) {
	root := map[string]any{}
	require.NoError(t, json.Unmarshal([]byte(`{"type":"object","properties":{"s":{"type":"number","minimum":0,"maximum":1},
		"l":{"type":"array","items":{"$ref":"#/$defs/x"}}},"required":["s"],"additionalProperties":false,
		"$defs":{"x":{"enum":["a","b"]}}}`), &root))
	tests := []struct {
		doc string
		ok  bool
	}{
		{`{"s":0.5,"l":["a","b"]}`, true},
		{`{"s":1.556}`, false},       // a score above 1
		{`{}`, false},                // s missing
		{`{"s":0,"t":1}`, false},     // a field the schema does not name
		{`{"s":0,"l":["c"]}`, false}, // not in the enum, through $ref
		{`{"s":"0"}`, false},         // a string for a number
	}
	for _, tt := range tests {
		var v any
		require.NoError(t, json.Unmarshal([]byte(tt.doc), &v))
		err := validate(root, root, v, "$")
		assert.Equal(t, tt.ok, err == nil, "validate(%s) = %v", tt.doc, err)
	}
}

// TestHelpListsFlags: every command's --help (and bench's subcommands')
// lists every flag the command accepts, with its default when it has one.
func TestHelpListsFlags(t *testing.T) {
	cmds := [][]string{{"bench", "gen"}, {"bench", "run"}, {"bench", "plot"}}
	for _, c := range commands() {
		if c.name != "bench" {
			cmds = append(cmds, []string{c.name})
		}
	}
	for _, cmd := range cmds {
		out, errs, code := wirediff(t, "", append(cmd, "--help")...)
		require.Equal(t, 0, code, "%v --help: %s", cmd, errs)
		fs := flagsOf(t, cmd)
		require.NotNil(t, fs, "%v", cmd)
		fs.VisitAll(func(f *pflag.Flag) {
			assert.Contains(t, out, "--"+f.Name, "%v --help lists --%s", cmd, f.Name)
		})
		help, _, _ := wirediff(t, "", "help", strings.Join(cmd, " "))
		if len(cmd) == 1 {
			assert.Equal(t, out, help, "'wirediff help %s' is its --help", cmd[0])
		}
	}
	// bench --help lists every subcommand's flags.
	out, _, code := wirediff(t, "", "bench", "--help")
	require.Equal(t, 0, code)
	for _, f := range []string{"--articles", "--sizes", "--modes", "--brute-max", "--queries"} {
		assert.Contains(t, out, f)
	}
}

// flagsOf returns the flag set a command parses, taken as it runs with
// --help.
func flagsOf(t *testing.T, cmd []string) *pflag.FlagSet {
	t.Helper()
	var out bytes.Buffer
	var fs *pflag.FlagSet
	e := &env{stdout: &out, stderr: &out, flagSets: func(f *pflag.FlagSet) { fs = f }}
	for _, c := range commands() {
		if c.name == cmd[0] {
			_ = c.run(e, append(slices.Clone(cmd[1:]), "--help"))
		}
	}
	return fs
}
