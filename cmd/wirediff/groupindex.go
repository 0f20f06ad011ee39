package main

import (
	"slices"
	"sort"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// groupIndex labels articles with their groups from the last grouping
// run over an index; articles indexed since count as groups of their own.
type groupIndex struct {
	as      map[string]index.Assignment
	sizes   [3]map[string]int
	byLabel [3]map[string][]string // members by level and label, sorted; built on first use
}

func loadGroups(ix *index.Index) (*groupIndex, error) {
	as, err := ix.Groups()
	if err != nil {
		return nil, cliError{err, 2}
	}
	g := &groupIndex{as: as}
	for l := range g.sizes {
		g.sizes[l] = map[string]int{}
	}
	for _, a := range as {
		for l := cluster.Copy; l <= cluster.Story; l++ {
			g.sizes[l][groupLabel(a, l)]++
		}
	}
	return g, nil
}

func groupLabel(a index.Assignment, l cluster.Level) string {
	return [...]string{a.Copy, a.Rewrite, a.Story}[l]
}

// label returns id's group at level l and its size.
func (g *groupIndex) label(id string, l cluster.Level) (string, int) {
	a, ok := g.as[id]
	if !ok {
		return cluster.GroupID(l, id), 1
	}
	lab := groupLabel(a, l)
	return lab, g.sizes[l][lab]
}

// set records the groups of one article, replacing those it had.
func (g *groupIndex) set(a index.Assignment) {
	old, had := g.as[a.ID]
	g.as[a.ID] = a
	for l := cluster.Copy; l <= cluster.Story; l++ {
		if had {
			lab := groupLabel(old, l)
			g.sizes[l][lab]--
			if m := g.byLabel[l]; m != nil {
				ids := m[lab]
				if k, ok := slices.BinarySearch(ids, a.ID); ok {
					m[lab] = slices.Concat(ids[:k], ids[k+1:]) // a new slice: callers may hold the old
				}
			}
		}
		lab := groupLabel(a, l)
		g.sizes[l][lab]++
		if m := g.byLabel[l]; m != nil {
			ids := m[lab]
			k, _ := slices.BinarySearch(ids, a.ID)
			m[lab] = slices.Concat(ids[:k], []string{a.ID}, ids[k:])
		}
	}
}

// members lists the members of group lab at level l, sorted.
func (g *groupIndex) members(l cluster.Level, lab string) []string {
	if g.byLabel[l] == nil {
		m := map[string][]string{}
		for id, a := range g.as {
			m[groupLabel(a, l)] = append(m[groupLabel(a, l)], id)
		}
		for _, ids := range m {
			sort.Strings(ids)
		}
		g.byLabel[l] = m
	}
	return g.byLabel[l][lab]
}

// groupLabels is a groupIndex as the groups a new article is placed
// among.
type groupLabels struct{ *groupIndex }

func (g groupLabels) Label(id string, l cluster.Level) string {
	lab, _ := g.label(id, l)
	return lab
}

func (g groupLabels) Members(l cluster.Level, lab string) []string { return g.members(l, lab) }
