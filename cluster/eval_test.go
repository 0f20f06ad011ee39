package cluster_test

import "flag"

// The evaluations (eval_*_test.go, run with WIREDIFF_EVAL=1 or make eval)
// keep their scores in qualityGolden (see package quality); -update
// rewrites it.
var update = flag.Bool("update", false, "rewrite testdata/quality.golden with the current scores")

const qualityGolden = "testdata/quality.golden"
