package jenkinslog

import "time"

// HistoryRows bounds each list of a History: the first and the last
// starts, and the longest outages.
const HistoryRows = 10

// History is a log's restart history, bounded whatever the number of
// starts: totals over every start, the first and the last HistoryRows
// of them, and the HistoryRows longest outages.
type History struct {
	Starts, FullyUp, Failed int
	// Ended counts the starts by how they ended (Ending.How).
	Ended map[string]int
	// Reinits counts the later runs of the init reactor in running JVMs
	// (plugin installs without a restart, reloads): no starts.
	Reinits int
	// Gap is the time between starts: from the last timestamped line of
	// one to the first of the next, when the log heard of no JVM.
	Gap Durations
	// Down is each outage: from the last line of a start that was fully
	// up to the next start's fully up, failed starts between included.
	Down        Durations
	First, Last []Restart
	// Longest are the restarts with the longest outages, longest first.
	Longest []Restart
}

// Restart is one start in the restart history.
type Restart struct {
	Number, FirstLine int
	// Began is the start's Origin, zero when it has no timestamped line.
	Began     time.Time
	FullyUp   bool
	FullyUpMS *float64 // from Began to fully up
	// Failure is the failure's signature when the start did not come up.
	Failure string
	// Previous is how the start before ended; its How is empty for the
	// log's first start.
	Previous Ending
	Ended    Ending
	// GapMS, DownMS and UpToUpMS are the Gap and Down that end with this
	// start, and the time since the previous fully up; nil when unknown.
	GapMS, DownMS, UpToUpMS *float64
	Reinits                 int
}

// historyState builds the History as starts close, keeping only what
// the next start needs to know of the earlier ones.
type historyState struct {
	h          History
	last       []Restart // ring of the last HistoryRows
	next       int
	prev       Ending
	prevEnd    time.Time
	upEnd      time.Time // the latest fully-up start's End and FullyUpAt
	upAt       time.Time
	gap, down  durationAcc
	haveStarts bool
}

// add files a closed start.
func (hs *historyState) add(s Start) {
	r := hs.restart(s)
	h := &hs.h
	h.Starts++
	if s.FullyUp {
		h.FullyUp++
	} else {
		h.Failed++
	}
	if h.Ended == nil {
		h.Ended = map[string]int{}
	}
	h.Ended[s.Ended.How]++
	h.Reinits += s.Reinits
	if len(h.First) < HistoryRows {
		h.First = append(h.First, r)
	} else if len(hs.last) < HistoryRows {
		hs.last = append(hs.last, r)
	} else {
		hs.last[hs.next] = r
		hs.next = (hs.next + 1) % HistoryRows
	}
	if r.DownMS != nil {
		h.Longest = insertTop(h.Longest, r, HistoryRows, func(a, b Restart) bool { return *a.DownMS > *b.DownMS })
	}
	hs.prev, hs.prevEnd, hs.haveStarts = s.Ended, s.End, true
	if s.FullyUp {
		hs.upEnd, hs.upAt = s.End, s.FullyUpAt
	}
}

// restart makes the history's row of s against the starts before it.
func (hs *historyState) restart(s Start) Restart {
	r := Restart{Number: s.Number, FirstLine: s.FirstLine, Began: s.Origin, FullyUp: s.FullyUp, Ended: s.Ended, Reinits: s.Reinits}
	if s.Failure != nil {
		r.Failure = s.Failure.Signature
	}
	if !s.FullyUpAt.IsZero() && !s.Origin.IsZero() {
		r.FullyUpMS = msPtr(s.FullyUpAt.Sub(s.Origin))
	}
	if hs.haveStarts {
		r.Previous = hs.prev
		r.GapMS = between(hs.prevEnd, s.Origin, &hs.gap)
	}
	if s.FullyUp {
		r.DownMS = between(hs.upEnd, s.FullyUpAt, &hs.down)
		r.UpToUpMS = between(hs.upAt, s.FullyUpAt, nil)
	}
	return r
}

// between is b minus a when both are known and a comes first, counted
// in acc; nil otherwise (clocks of two starts that disagree say nothing).
func between(a, b time.Time, acc *durationAcc) *float64 {
	if a.IsZero() || b.IsZero() || b.Before(a) {
		return nil
	}
	d := msPtr(b.Sub(a))
	if acc != nil {
		acc.add(*d)
	}
	return d
}

func msPtr(d time.Duration) *float64 {
	v := ms(d)
	return &v
}

// history returns the History of the starts filed so far, and of open,
// the start still being read, when it is not nil; hs is left as it was.
func (hs *historyState) history(open *Start) History {
	c := *hs
	c.h.Ended = map[string]int{}
	for k, v := range hs.h.Ended {
		c.h.Ended[k] = v
	}
	c.h.First = append([]Restart(nil), hs.h.First...)
	c.h.Longest = append([]Restart(nil), hs.h.Longest...)
	c.last = append([]Restart(nil), hs.last...)
	c.gap, c.down = hs.gap.clone(), hs.down.clone()
	if open != nil {
		c.add(*open)
	}
	h := c.h
	h.Last = append(append([]Restart(nil), c.last[c.next:]...), c.last[:c.next]...)
	h.Gap, h.Down = c.gap.summary(), c.down.summary()
	return h
}
