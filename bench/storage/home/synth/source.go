// Package synth makes the synthetic bytes that stand in for a Jenkins
// installation's files: incompressible payloads for jars and images (they
// are already compressed in reality), compressible text for help pages and
// XML, and zip archives of both. It sits under bench/storage/home (which fills
// JENKINS_HOME) and cmd/jenkins-sim (which writes a synthetic jenkins.war).
// Everything is derived from a seed, so the same seed gives the same bytes.
package synth

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"math/rand/v2"
)

// Source is a deterministic stream of random choices and bytes. Two
// sources built from the same seed and stream name produce the same
// sequence. A Source is not safe for concurrent use.
type Source struct {
	chacha *rand.ChaCha8
	rand   *rand.Rand
}

// New returns the source for one seed and one named stream. Giving each
// part of a tree its own stream (a job's name, a plugin's name) keeps that
// part's bytes unchanged when other parts are added or removed.
func New(seed int64, stream string) *Source {
	key := binary.LittleEndian.AppendUint64(nil, uint64(seed))
	chacha := rand.NewChaCha8(sha256.Sum256(append(key, stream...)))
	return &Source{chacha: chacha, rand: rand.New(chacha)}
}

// IntN returns a number in [0, n).
func (s *Source) IntN(n int) int { return s.rand.IntN(n) }

// Between returns a number in [lo, hi].
func (s *Source) Between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + s.rand.IntN(hi-lo+1)
}

// Float64 returns a number in [0, 1).
func (s *Source) Float64() float64 { return s.rand.Float64() }

// Chance reports true with probability p.
func (s *Source) Chance(p float64) bool { return s.rand.Float64() < p }

// LogNormal returns a log-normally distributed value with the given median
// and shape: file sizes in real trees are spread this way (many small
// files, a few large ones).
func (s *Source) LogNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*s.rand.NormFloat64())
}

// Size returns a log-normal size in bytes clamped to [lo, hi].
func (s *Source) Size(median, sigma float64, lo, hi int) int {
	return min(max(int(s.LogNormal(median, sigma)), lo), hi)
}

// Pick returns one element of list.
func (s *Source) Pick(list []string) string { return list[s.rand.IntN(len(list))] }

// Fill fills b with incompressible bytes.
func (s *Source) Fill(b []byte) { _, _ = s.chacha.Read(b) }

// Hex returns n lowercase hexadecimal digits.
func (s *Source) Hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[s.rand.IntN(16)]
	}
	return string(b)
}
