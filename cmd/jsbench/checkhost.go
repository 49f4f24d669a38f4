package main

import (
	"errors"

	"github.com/jsbench/jsbench/bench/plan/scenario"
)

// checkHost checks, before anything starts, what every scenario needs
// from this host (scenario.CheckHost), and returns all their problems
// together.
func checkHost(scenarios []*scenario.Scenario) error {
	var problems []scenario.Problem
	for _, sc := range scenarios {
		err := scenario.CheckHost(sc)
		var perr *scenario.Error
		switch {
		case errors.As(err, &perr):
			problems = append(problems, perr.Problems...)
		case err != nil:
			return err
		}
	}
	if len(problems) > 0 {
		return &scenario.Error{Problems: problems}
	}
	return nil
}
