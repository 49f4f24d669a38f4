package jenkinslog

// keptStarts holds the closed starts a Result returns whole: the first
// keep, the last keep, and the latest that got fully up when neither
// holds it (what calibration reads). Memory stays bounded whatever the
// number of starts; the restart history covers the others.
type keptStarts struct {
	keep   int
	head   []Start
	ring   []Start // the last keep, oldest at next once full
	next   int
	lastUp *Start // the latest fully-up start that left the ring
}

func (k *keptStarts) add(s Start) {
	switch {
	case len(k.head) < k.keep:
		k.head = append(k.head, s)
	case len(k.ring) < k.keep:
		k.ring = append(k.ring, s)
	default:
		if old := k.ring[k.next]; old.FullyUp {
			k.lastUp = &old
		}
		k.ring[k.next] = s
		k.next = (k.next + 1) % k.keep
	}
}

// last is the latest closed start, nil before the first.
func (k *keptStarts) last() *Start {
	switch {
	case len(k.ring) > 0:
		return &k.ring[(k.next+len(k.ring)-1)%len(k.ring)]
	case len(k.head) > 0:
		return &k.head[len(k.head)-1]
	}
	return nil
}

// all returns the kept starts in log order, then open (the start still
// being read) when it is not nil.
func (k *keptStarts) all(open *Start) []Start {
	out := make([]Start, 0, len(k.head)+len(k.ring)+2)
	out = append(out, k.head...)
	tail := append(append([]Start(nil), k.ring[k.next:]...), k.ring[:k.next]...)
	lastUp := k.lastUp
	if open != nil {
		tail = append(tail, *open)
		if len(tail) > k.keep && len(k.head) == k.keep {
			if tail[0].FullyUp {
				lastUp = &tail[0]
			}
			tail = tail[1:]
		}
	}
	if lastUp != nil && !anyFullyUp(tail) {
		out = append(out, *lastUp)
	}
	return append(out, tail...)
}

func anyFullyUp(starts []Start) bool {
	for _, s := range starts {
		if s.FullyUp {
			return true
		}
	}
	return false
}
