// Package corpus holds the plain types every stage of policysearch shares —
// a Source read from disk, the cleaned Document and the Entities found in it —
// and Walk, which finds the articles under a folder.
//
// It imports no bleve, gin or goquery so that any stage (and any future
// backend) can use these types without pulling in the others.
package corpus
