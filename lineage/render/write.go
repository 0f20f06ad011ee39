package render

import (
	"errors"
	"fmt"
	"io"
)

// ErrPagesNeedDir is [Write] asked for the HTML of several groups with no
// directory to write their pages into.
var ErrPagesNeedDir = errors.New("render: the HTML pages of several groups need a directory")

// Write writes reports in format "table", "json" or "html". HTML goes to
// w as one page when there is one group and dir is ""; with dir, the
// pages and their index go into dir ([WritePages]) and the paths written
// to w, one a line.
func Write(w io.Writer, format, dir string, reports []Named) error {
	switch {
	case format == "json":
		return WriteJSON(w, reports)
	case format == "table":
		return WriteTables(w, reports)
	case format != "html":
		return fmt.Errorf("render: format %q: want table, json or html", format)
	case dir == "" && len(reports) > 1:
		return ErrPagesNeedDir
	case dir == "":
		if len(reports) == 0 {
			return nil
		}
		return reports[0].WriteHTMLPage(w, reports[0].Group)
	}
	paths, err := WritePages(dir, reports)
	for _, p := range paths {
		fmt.Fprintln(w, p)
	}
	return err
}
