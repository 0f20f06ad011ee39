package dedup

import (
	"context"
	"errors"
	"math"
)

// Grouped is what [Group] did: the articles grouped and, when the run
// was one of [Update], what it did (a full regroup or an incremental
// run, and why).
type Grouped struct {
	*Result
	// Update is nil when the run was one of [Run]: without an index,
	// with InputOnly or CopyOnly, or when incremental runs were not
	// asked for.
	Update *Updated
}

// ErrDrift is the error [Group] returns for a drift of 0 or NaN, which
// say no growth past which to regroup.
var ErrDrift = errors.New("dedup: the drift is 0 or NaN: want a fraction such as 0.1, or a negative value for none")

// Group groups src as opt says, choosing the kind of run: with uo set,
// over an index (opt.Index) and for the whole index (not
// opt.InputOnly or opt.Cluster.CopyOnly), the run is one of [Update]:
// incremental when the index allows it, a full regroup when uo.Full
// asks for one, when src names no paths (the index is grouped as it is:
// Why "no input"), or for the reasons [Update] gives. Otherwise, or with
// a nil uo, the run is one of [Run].
//
// Unlike [Update], Group takes a zero uo.Drift for a mistake (a caller
// that means the default gives [DefaultDrift]) and returns [ErrDrift]
// for it, as for NaN.
func Group(ctx context.Context, src Source, opt Options, uo *UpdateOptions) (*Grouped, error) {
	if uo == nil || opt.Index == nil || opt.InputOnly || opt.Cluster.CopyOnly {
		r, err := Run(ctx, src, opt)
		if err != nil {
			return nil, err
		}
		return &Grouped{Result: r}, nil
	}
	u := *uo
	if u.Drift == 0 || math.IsNaN(u.Drift) {
		return nil, ErrDrift
	}
	if len(src.Paths) == 0 && !u.Full {
		u.Full, u.Why = true, "no input"
	}
	upd, err := Update(ctx, src, opt, u)
	if err != nil {
		return nil, err
	}
	return &Grouped{Result: upd.Result, Update: upd}, nil
}
