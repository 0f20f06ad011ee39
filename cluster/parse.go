package cluster

import "fmt"

// ParseOptions returns the level named level (see [ParseLevel]) and
// [DefaultOptions] with that level's merge threshold set to threshold
// and the date window to window, as a user gives them: the threshold a
// score in (0, 1] as the outputs show it (0 keeps the calibrated one),
// the window as [ParseWindow] reads it ("" keeps the default). Each
// error begins with the name of the setting at fault: "level",
// "threshold" or "window".
func ParseOptions(level string, threshold float64, window string) (Level, Options, error) {
	opt := DefaultOptions()
	l, err := ParseLevel(level)
	if err != nil {
		return 0, opt, fmt.Errorf("level: %w", err)
	}
	if !(threshold >= 0 && threshold <= 1) { // NaN too
		return 0, opt, fmt.Errorf("threshold %v: want a value in (0, 1]", threshold)
	}
	if threshold > 0 {
		opt.Thresholds.Set(l, threshold)
	}
	if window != "" {
		if opt.Window, err = ParseWindow(window); err != nil {
			return 0, opt, fmt.Errorf("window: %w", err)
		}
	}
	return l, opt, nil
}
