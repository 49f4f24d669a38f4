// Package stats summarizes the run records of results.jsonl: it sits
// between measuring (bench/measure/runner appends records) and reporting
// (bench/analyze/compare, bench/render/report). It groups the successful, non-warmup runs
// by scenario × volume × phase and describes each group with robust
// figures: median, percentiles, IQR, a distribution-free confidence
// interval for the median and the outliers by Tukey's fences. Raw samples
// stay next to the figures, and doubts come back as warnings.
//
// The confidence interval for the median is the order-statistic
// (binomial) interval: the sample median's rank is Binomial(n, 1/2) under
// any continuous distribution, so [X(j), X(n+1-j)] covers the true median
// with probability 1 − 2·P(Bin(n, ½) ≤ j−1), whatever the shape of the
// startup-time distribution. It needs no seed and no resampling; it is
// conservative (coverage ≥ the level, e.g. 96.5 % for n = 15 at 95 %), and
// at 95 % it exists from 6 runs on (with 5, the widest interval
// [X(1), X(5)] covers only 1 − 2/32 = 93.75 %), hence the 6-run minimum.
//
// Percentiles use linear interpolation between order statistics
// (Hyndman and Fan's definition 7, the default of R and NumPy), so the
// median of an even count is the mean of the two middle values.
//
// The package is pure: it takes records and returns values.
package stats
