package index

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wirediff/wirediff/cluster"
)

// TestGroupingProperty moves and adds articles at random, reading sizes
// and members at random moments (so that the per-level indexes are built
// at different points of the sequence), and checks every answer against
// one computed afresh from the assignments (CountSizes called at random
// moments too): IDs and Assignments sorted,
// Group's sizes, Members and MembersOf.
func TestGroupingProperty(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			ix := create(t, filepath.Join(t.TempDir(), "x.index"))
			defer ix.Close()
			label := func(l string) string { return fmt.Sprintf("%s:%d", l, rng.IntN(6)) }
			ref := map[string]Assignment{}
			var in []Assignment
			for range 20 + rng.IntN(20) {
				a := Assignment{fmt.Sprintf("a%03d", rng.IntN(1000)), label("c"), label("r"), label("s")}
				if _, dup := ref[a.ID]; dup {
					continue
				}
				ref[a.ID] = a
				in = append(in, a)
			}
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
			require.NoError(t, ix.WriteGroups(in))
			g, err := ix.Grouping()
			require.NoError(t, err)
			for range 60 {
				switch rng.IntN(4) {
				case 3: // count every size now, as a server does
					g.CountSizes()
				case 0: // move or add an article
					id := fmt.Sprintf("a%03d", rng.IntN(1000))
					if rng.IntN(2) == 0 {
						ids := slices.Sorted(maps.Keys(ref))
						id = ids[rng.IntN(len(ids))]
					}
					a := Assignment{id, label("c"), label("r"), label("s")}
					ref[id] = a
					g.Set(a)
				case 1: // read a size
					l := cluster.Level(rng.IntN(3))
					lab := label([]string{"c", "r", "s"}[l])
					want := 0
					for _, a := range ref {
						if a.Label(l) == lab {
							want++
						}
					}
					for id, a := range ref {
						if a.Label(l) == lab {
							_, n := g.Group(id, l)
							require.Equal(t, want, n, "size of %s", lab)
							break
						}
					}
				default: // read members, one way or the other
					l := cluster.Level(rng.IntN(3))
					labs := []string{label([]string{"c", "r", "s"}[l]), label([]string{"c", "r", "s"}[l])}
					got := map[string][]string{}
					if rng.IntN(2) == 0 {
						got = g.MembersOf(l, labs)
					} else {
						for _, lab := range labs {
							if ms := g.Members(l, lab); len(ms) > 0 {
								got[lab] = ms
							}
						}
					}
					want := map[string][]string{}
					for _, id := range slices.Sorted(maps.Keys(ref)) {
						if lab := ref[id].Label(l); slices.Contains(labs, lab) {
							want[lab] = append(want[lab], id)
						}
					}
					require.Equal(t, want, got, "members of %v at level %d", labs, l)
				}
			}
			ids := slices.Sorted(maps.Keys(ref))
			assert.Equal(t, ids, g.IDs())
			var as []Assignment
			for _, id := range ids {
				as = append(as, ref[id])
			}
			assert.Equal(t, as, g.Assignments())
			require.NoError(t, ix.WriteGrouping(g))
			again, err := ix.Grouping()
			require.NoError(t, err)
			assert.Equal(t, as, again.Assignments())
			require.NoError(t, ix.WriteGroups(g.Assignments()))
			again, err = ix.Grouping()
			require.NoError(t, err)
			assert.Equal(t, as, again.Assignments())
			for _, a := range as {
				got, ok := again.Assignment(a.ID)
				assert.True(t, ok)
				assert.Equal(t, a, got)
			}
		})
	}
}

// TestGroupingConcurrentReads reads sizes and members of one Grouping
// from several goroutines, as a server's requests do (go test -race).
func TestGroupingConcurrentReads(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	var in []Assignment
	for i := range 200 {
		in = append(in, Assignment{fmt.Sprintf("a%03d", i), fmt.Sprintf("c:%d", i/2), fmt.Sprintf("r:%d", i/4), fmt.Sprintf("s:%d", i/8)})
	}
	require.NoError(t, ix.WriteGroups(in))
	g, err := ix.Grouping()
	require.NoError(t, err)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 200 {
				id := in[(i+w*25)%len(in)].ID
				for l := cluster.Copy; l <= cluster.Story; l++ {
					lab, n := g.Group(id, l)
					assert.Len(t, g.Members(l, lab), n)
				}
			}
		})
	}
	wg.Wait()
}

// TestGroupingDigest: a grouping's digest is the groups file's, as
// GroupsDigest reads it, and zero when the index has none.
func TestGroupingDigest(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	g, err := ix.Grouping()
	require.NoError(t, err)
	assert.Equal(t, [32]byte{}, g.Digest())
	// Out of order (put in order as it is read) and in order: the
	// digest is the file's.
	for _, rows := range []string{"b\tc:b\tr:b\ts:b\na\tc:a\tr:a\ts:a\n", "a\tc:a\tr:a\ts:a\n"} {
		require.NoError(t, os.WriteFile(filepath.Join(ix.dir, "groups.tsv"), []byte(groupsHeader+"\n"+rows), 0o644))
		ix.written.ok = false
		want, err := ix.GroupsDigest()
		require.NoError(t, err)
		g, err := ix.Grouping()
		require.NoError(t, err)
		assert.Equal(t, want, g.Digest())
		assert.NotEqual(t, [32]byte{}, want)
	}
}

// renameDeleted names a group whose name is an article deleted after its
// first member left, at each level apart, and leaves other names,
// including names not of the level's form, as they are.
func TestRenameDeleted(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in, want []Assignment
		deleted  []string
	}{
		{
			name:    "first member deleted",
			in:      []Assignment{{"b", "c:b", "r:a", "s:a"}, {"c", "c:c", "r:a", "s:a"}, {"d", "c:d", "r:d", "s:a"}},
			deleted: []string{"a"},
			want:    []Assignment{{"b", "c:b", "r:b", "s:b"}, {"c", "c:c", "r:b", "s:b"}, {"d", "c:d", "r:d", "s:b"}},
		},
		{
			name:    "named after a member not first",
			in:      []Assignment{{"a", "c:a", "r:c", "s:c"}, {"b", "c:b", "r:c", "s:c"}},
			deleted: []string{"c"},
			want:    []Assignment{{"a", "c:a", "r:a", "s:a"}, {"b", "c:b", "r:a", "s:a"}},
		},
		{
			name:    "names of another form",
			in:      []Assignment{{"b", "c:b", "cluster7", "s:s:a"}, {"c", "c:c", "cluster7", "s:s:a"}},
			deleted: []string{"a", "uster7"},
			want:    []Assignment{{"b", "c:b", "cluster7", "s:s:a"}, {"c", "c:c", "cluster7", "s:s:a"}},
		},
	} {
		renameDeleted(tc.in, tc.deleted)
		assert.Equal(t, tc.want, tc.in, tc.name)
	}
}

// TestGroupingDamaged: a groups file whose rows do not parse, or that
// holds the header line again (two files run together), is damaged,
// naming the line, rather than read with an article called "id".
func TestGroupingDamaged(t *testing.T) {
	ix := create(t, filepath.Join(t.TempDir(), "x.index"))
	defer ix.Close()
	row := "a\tc:a\tr:a\ts:a\n"
	for _, tt := range []struct{ name, rows, want string }{
		{"one field", row + "a row\n", "groups.tsv:3: want 4 fields, got 1"},
		{"header at the end", row + groupsHeader + "\n", "groups.tsv:3: the header line again"},
		{"header at the end, no line feed", row + groupsHeader, "groups.tsv:3: the header line again"},
		{"header in the middle", row + groupsHeader + "\n" + "b\tc:b\tr:b\ts:b\n", "groups.tsv:3: the header line again"},
		{"header first of the rows", groupsHeader + "\n" + row, "groups.tsv:2: the header line again"},
	} {
		require.NoError(t, os.WriteFile(filepath.Join(ix.dir, "groups.tsv"), []byte(groupsHeader+"\n"+tt.rows), 0o644))
		_, err := ix.Grouping()
		require.ErrorIs(t, err, ErrGroupsDamaged, tt.name)
		assert.ErrorIs(t, err, ErrCorrupt, tt.name)
		assert.Contains(t, GroupsDamage(err), tt.want, tt.name)
	}
	// An article with the ID "id" is no header.
	require.NoError(t, os.WriteFile(filepath.Join(ix.dir, "groups.tsv"), []byte(groupsHeader+"\n"+row+"id\tc:id\tr:a\ts:a\n"), 0o644))
	g, err := ix.Grouping()
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "id"}, g.IDs())
}
