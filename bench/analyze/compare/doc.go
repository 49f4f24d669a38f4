// Package compare judges whether a new set of runs is slower than a
// baseline: it is the nightly regression gate, between bench/analyze/stats (which
// summarizes each side) and bench/render/report (which renders the verdict). It
// is pure: records in, Verdict out.
//
// For each scenario × volume × phase present on both sides it reports the
// change of the median in percent, with a percentile-bootstrap interval
// for that change (seeded, so the same input gives the same interval), and
// tests the two samples with the Mann–Whitney U test, which assumes no
// distribution shape: exact when both sides have fewer than 50 runs and
// no value is tied, else the normal approximation with tie and continuity
// correction (the rules of R's wilcox.test). A row is a regression when
// the test is significant (p < Alpha) and the median is slower by more
// than ThresholdPct; an improvement when significant and faster by more
// than ThresholdPct.
//
// A row is unusable when a side has fewer than MinRuns successful runs or
// when its two run counts could not reach significance even if every new
// run were slower than every old one (the smallest two-sided exact p is
// 2 / C(n1+n2, n1): at Alpha 0.05 this needs 4 runs a side, or 3 against
// 5). Input is unusable when scenarios, volumes or phases do not match or
// when one side measured the simulated controller and the other did not.
// ExitCode maps the verdict: 1 when anything regressed, otherwise 2 when
// anything was unusable, otherwise 0.
//
// Each run carries its host's figures (bench/analyze/noise). A volume
// paired with a reference volume also has its paired ratios compared
// (PairedRow): the two runs of a pair ran on the host of the same
// moment, so the host's speed moves the ratio by at most
// BeyondHostFactor times the change of the reference workload between
// the sides. A paired regression beyond that bound is a regression on
// any host, whatever the absolute times did. On a noisy host (busy runs,
// or a host of another speed) the absolute verdict stands only when the
// paired ratio clears it even after the host's reach, or when the
// slowdown is far beyond what the host could add; otherwise the row is
// inconclusive (noisy.go).
//
// Each row is tested on its own; with many rows a few reach p < Alpha by
// chance, which is why a regression also needs a change beyond the
// threshold.
package compare
