// Package httpapi serves an index's listings over HTTP as a long-lived
// reader: search, show, similar, groups and lineage answer as the
// wirediff commands of those names do (the same parameters, records and
// formats; see [Server]), without a process start, an open of the index
// and a close per query.
//
// The server keeps the last committed snapshot of the index open (see
// package index: readers never open the live store a writer changes) and
// looks for a newer commit every [Options.Poll]. When a writer has
// committed, it opens the new snapshot and reads its groups, then makes it
// current; queries under way finish on the old snapshot, which is closed
// after the last of them. Queries are never blocked by a writer or by a
// switch, and every answer comes from one committed state, whole.
//
// Limits: the API is read-only (similar does not add articles); one
// server per index is enough, any number may run; it serves what the
// index held at its last commit, up to Poll late.
package httpapi
