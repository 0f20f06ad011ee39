package index

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
)

// referencedSegments returns the segment files (base names) that some
// snapshot in the root.bolt of the bleve store bdir refers to. Scorch
// writes a segment file whole before root.bolt names it, so a file it
// does not name is the leftover of a write killed mid-file, which the
// next writer removes: not damage. Every snapshot root.bolt keeps
// counts, not only the newest.
func referencedSegments(bdir string) (map[string]bool, error) {
	root := filepath.Join(bdir, "store", "root.bolt")
	db, err := bolt.Open(root, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", root, err)
	}
	defer db.Close()
	out := map[string]bool{}
	err = db.View(func(tx *bolt.Tx) error {
		snaps := tx.Bucket(util.BoltSnapshotsBucket)
		if snaps == nil {
			return nil
		}
		return snaps.ForEachBucket(func(epoch []byte) error {
			snap := snaps.Bucket(epoch)
			return snap.ForEachBucket(func(k []byte) error {
				if k[0] == util.BoltInternalKey[0] || k[0] == util.BoltMetaDataKey[0] {
					return nil
				}
				if p := snap.Bucket(k).Get(util.BoltPathKey); p != nil {
					out[filepath.Base(string(p))] = true
				}
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", root, err)
	}
	return out, nil
}
