package eval

import (
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	gold := Clustering{"a": "quake", "b": "quake", "c": "rehab", "d": "rehab"}
	for _, tc := range []struct {
		name    string
		pred    Clustering
		missing int
		merges  int
	}{
		{"all merged", Clustering{"a": "1", "b": "1", "c": "1", "d": "1"}, 0, 1},
		{"two missing", Clustering{"a": "1", "b": "1", "x": "2"}, 2, 0},
		{"empty", Clustering{}, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Compare(gold, tc.pred, 5)
			if c.Missing != tc.missing {
				t.Errorf("missing %d, want %d", c.Missing, tc.missing)
			}
			if len(c.Merges) != tc.merges {
				t.Errorf("%d merges, want %d: %+v", len(c.Merges), tc.merges, c.Merges)
			}
			if s := Score(gold, tc.pred); !reflect.DeepEqual(c.Scores, s) {
				t.Errorf("scores %+v, want Score's %+v", c.Scores, s)
			}
			m, sp := Errors(gold, tc.pred, 5)
			if !reflect.DeepEqual(c.Merges, m) || !reflect.DeepEqual(c.Splits, sp) {
				t.Errorf("mistakes %+v %+v, want Errors' %+v %+v", c.Merges, c.Splits, m, sp)
			}
		})
	}
}
