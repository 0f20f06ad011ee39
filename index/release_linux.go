package index

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// ReleaseMapped asks the system to take out of this process's memory the
// pages of the index's files that bleve maps to read them (its segments,
// mapped read-only and shared): a run that reads every stored article
// touches all of them, and they would stay resident, counted in the
// process's RSS, as long as the index is open. The pages are reclaimed
// as the system reclaims cache (madvise MADV_PAGEOUT, which never loses
// data: on a range the process has meanwhile mapped for something else
// it at most swaps it out); a later read maps them again from the page
// cache or the disk. It returns the bytes of mappings advised. Elsewhere
// than on Linux it does nothing.
func (ix *Index) ReleaseMapped() (int64, error) {
	dir, err := filepath.Abs(ix.dir)
	if err != nil {
		return 0, fmt.Errorf("index: %w", err)
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return 0, fmt.Errorf("index: releasing mapped pages: %w", err)
	}
	prefix := []byte(dir + string(filepath.Separator))
	var total int64
	sc := bufio.NewScanner(bytes.NewReader(maps))
	for sc.Scan() {
		// address perms offset dev inode path
		f := bytes.Fields(sc.Bytes())
		if len(f) < 6 || string(f[1]) != "r--s" || !bytes.HasPrefix(f[5], prefix) {
			continue
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(string(lo), 16, 64)
		b, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil || b <= a {
			continue
		}
		// An error (the range unmapped since the maps were read) leaves
		// nothing to release.
		if _, _, e := unix.Syscall(unix.SYS_MADVISE, uintptr(a), uintptr(b-a), unix.MADV_PAGEOUT); e == 0 {
			total += int64(b - a)
		}
	}
	return total, nil
}
