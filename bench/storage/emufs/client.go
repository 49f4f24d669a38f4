package emufs

import (
	"sync"

	"github.com/hanwen/go-fuse/v2/fs"
)

// A network file system's client keeps what it learnt about the files —
// names, attributes, pages — for as long as it is mounted, and a new
// mount starts with none of it: a pod on another node, or the new pod of
// a restart whose volume the kubelet mounted anew, meets a cold client
// while the server's own cache (here the host's cache of the backing
// directory) stays warm. Mount starts cold by construction: a FUSE mount
// is a new superblock, with no dentries, attributes or pages of its own.
// NewClient makes a mount that outlives the controller cold again, for
// runtimes that keep one mount on the host across pods or containers.

// maxNegatives bounds the names looked up and found missing that a mount
// remembers for NewClient: Jenkins's start looks up a few per plugin and
// job (a .disabled marker, a missing legacyIds), and a runaway workload
// must not grow emufs without end. Beyond it, the oldest are forgotten,
// and the kernel keeps them until the negative timeout ends.
const maxNegatives = 1 << 16

// negatives remembers names the kernel may hold as negative dentries.
type negatives struct {
	mu    sync.Mutex
	names map[negative]struct{}
	order []negative
}

type negative struct {
	parent *fs.Inode
	name   string
}

// add records that name was found missing in parent.
func (n *negatives) add(parent *fs.Inode, name string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.names == nil {
		n.names = map[negative]struct{}{}
	}
	k := negative{parent, name}
	if _, ok := n.names[k]; ok {
		return
	}
	if len(n.order) >= maxNegatives {
		delete(n.names, n.order[0])
		n.order = n.order[1:]
	}
	n.names[k] = struct{}{}
	n.order = append(n.order, k)
}

// take returns every name recorded and forgets them.
func (n *negatives) take() []negative {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := n.order
	n.names, n.order = nil, nil
	return out
}

// NewClient makes the mount behave as a client that has just mounted the
// volume, as a replacement pod's kubelet or a new container's volume
// driver mounts it: the kernel forgets every name (found or missing),
// attribute and cached page it holds for this mount, and the attribute
// cache that getattr emulates starts over. The next lookups, getattrs and
// reads therefore pay the profile's latency again. Written data is not
// lost (the kernel writes dirty pages back first), the files and the
// server's side are untouched, and open files stay usable.
func (s *Server) NewClient() {
	for _, neg := range s.shaper.negatives.take() {
		neg.parent.NotifyEntry(neg.name)
	}
	root := s.root.EmbeddedInode()
	forget(root)
	root.NotifyContent(0, 0)
}

// forget invalidates, below dir and leaves first, every name the kernel
// looked up, every file's pages and attributes, and every node's
// emulated attribute cache.
func forget(dir *fs.Inode) {
	for name, child := range dir.Children() {
		if child.IsDir() {
			forget(child)
		}
		dir.NotifyEntry(name)
		child.NotifyContent(0, 0)
		if n, ok := child.Operations().(*node); ok {
			n.attrAt.Store(0)
		}
	}
	if n, ok := dir.Operations().(*node); ok {
		n.attrAt.Store(0)
	}
}
