package dedup

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wirediff/wirediff/cluster"
	"github.com/wirediff/wirediff/index"
)

// optionsFile records the grouping options of the last full regroup, so
// that an incremental run with other options (another --threshold or
// --window) regroups the whole index instead of mixing groups made under
// both.
const optionsFile = "options.json"

// groupingOptions are the options of a grouping that its groups depend
// on: all of [cluster.Options] but CopyOnly, which makes runs of
// another kind.
type groupingOptions struct {
	Thresholds  cluster.Thresholds
	Window      string
	Candidates  cluster.Candidates
	Rewrite     cluster.RewriteScoring
	Story       cluster.StoryScoring
	Figures     cluster.Figures
	ExactBudget int
}

func groupingOf(o cluster.Options) groupingOptions {
	return groupingOptions{o.Thresholds, cluster.FormatWindow(o.Window), o.Candidates, o.Rewrite, o.Story, o.Figures, o.ExactBudget}
}

// writeOptions records o as the options of the groups the index holds.
func writeOptions(ix *index.Index, o cluster.Options) error {
	b, err := json.Marshal(groupingOf(o))
	if err != nil {
		return fmt.Errorf("dedup: %w", err)
	}
	return ix.WriteState(optionsFile, append(b, '\n'))
}

// readOptions reads the options the index's groups were made with, and
// their window: ok is false when the index records none (it was never
// grouped, or by an earlier release), and the error wraps
// errDamagedState when they do not decode or hold what no run records
// (a threshold outside (0, 1], a window --window does not take).
func readOptions(ix *index.Index) (was groupingOptions, w time.Duration, ok bool, err error) {
	b, err := ix.ReadState(optionsFile)
	if err != nil || b == nil {
		return was, 0, false, err
	}
	if err := json.Unmarshal(b, &was); err != nil {
		return was, 0, false, damaged(optionsFile, err.Error())
	}
	for _, l := range []cluster.Level{cluster.Copy, cluster.Rewrite, cluster.Story} {
		if t := was.Thresholds.At(l); !(t > 0 && t <= 1) {
			return was, 0, false, damaged(optionsFile, fmt.Sprintf("the %s threshold %g is not in (0, 1]", l, t))
		}
	}
	if was.Window != "off" {
		if w, err = cluster.ParseWindow(was.Window); err != nil {
			return was, 0, false, damaged(optionsFile, fmt.Sprintf("window %q: %v", was.Window, err))
		}
	}
	return was, w, true, nil
}

// CheckOptions says how the grouping options the index records are
// damaged ("options.json is damaged (...)"), or "" when they read or
// there are none: a cache as the other state files are (see
// [CheckState]), which the next full regroup writes again; until then
// similar and explain score with the default options.
func CheckOptions(ix *index.Index) (string, error) {
	_, _, _, err := readOptions(ix)
	if errors.Is(err, errDamagedState) {
		return damagedFile(err), nil
	}
	return "", err
}

// optionsChanged says how o differs from the options the index's groups
// were made with, or "" when they are the same or were not recorded (an
// index grouped by an earlier release).
func optionsChanged(ix *index.Index, o cluster.Options) (string, error) {
	was, _, ok, err := readOptions(ix)
	if errors.Is(err, errDamagedState) {
		return damagedReason(err), nil
	}
	if err != nil || !ok {
		return "", err
	}
	now := groupingOf(o)
	if was == now {
		return "", nil
	}
	var diff []string
	for _, l := range []cluster.Level{cluster.Copy, cluster.Rewrite, cluster.Story} {
		if a, b := was.Thresholds.At(l), now.Thresholds.At(l); a != b {
			diff = append(diff, fmt.Sprintf("the %s threshold %g, now %g", l, a, b))
		}
	}
	if was.Window != now.Window {
		diff = append(diff, fmt.Sprintf("the window %s, now %s", was.Window, now.Window))
	}
	was.Thresholds, was.Window = now.Thresholds, now.Window
	if was != now {
		diff = append(diff, "other scoring options")
	}
	return "the groups were made with other options (" + strings.Join(diff, ", ") + ")", nil
}

// GroupedWith returns the grouping options the index's groups were made
// with, those of the last run that regrouped it: [cluster.DefaultOptions]
// with that run's thresholds, window and scoring. Commands that score or
// place articles against the groups (similar, explain) use them, so that
// they judge a pair as the groups were made. ok is false, and the
// options the defaults, when the index records none (it was never
// grouped, or by an earlier release) or they do not decode.
func GroupedWith(ix *index.Index) (opt cluster.Options, ok bool, err error) {
	opt = cluster.DefaultOptions()
	was, w, ok, err := readOptions(ix)
	if errors.Is(err, errDamagedState) {
		return opt, false, nil
	}
	if err != nil || !ok {
		return opt, false, err
	}
	opt.Thresholds, opt.Window, opt.Candidates = was.Thresholds, w, was.Candidates
	opt.Rewrite, opt.Story, opt.Figures, opt.ExactBudget = was.Rewrite, was.Story, was.Figures, was.ExactBudget
	return opt, true, nil
}
