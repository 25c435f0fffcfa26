// Package tap is a minimal stand-in for github.com/mndrix/tap-go, the TAP
// producer the OCI runtime-tools validation suite imports. Debian does not
// package tap-go, so run.sh installs this file at that import path in the
// suite's private GOPATH. It implements only the API the suite uses, with
// the same output format (TAP version 13).
package tap

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// T is a TAP producer. Copies made by Todo share the test counter.
type T struct {
	nextTestNumber *int
	// TODO marks every test this T reports with the TODO directive.
	TODO bool
	// Writer is where TAP goes; os.Stdout when nil.
	Writer io.Writer
}

// New returns a producer whose first test is number 1.
func New() *T {
	n := 1
	return &T{nextTestNumber: &n}
}

func (t *T) printf(format string, a ...interface{}) {
	w := t.Writer
	if w == nil {
		w = os.Stdout
	}
	fmt.Fprintf(w, format, a...)
}

// Header prints the TAP version line and, when testCount > 0, the plan.
func (t *T) Header(testCount int) {
	t.printf("TAP version 13\n")
	if testCount > 0 {
		t.printf("1..%d\n", testCount)
	}
}

// Ok reports one test.
func (t *T) Ok(test bool, description string) {
	ok := "ok"
	if !test {
		ok = "not ok"
	}
	if t.TODO {
		t.printf("%s %d # TODO %s\n", ok, *t.nextTestNumber, description)
	} else {
		t.printf("%s %d - %s\n", ok, *t.nextTestNumber, description)
	}
	(*t.nextTestNumber)++
}

// Fail reports a failed test.
func (t *T) Fail(description string) { t.Ok(false, description) }

// Pass reports a passed test.
func (t *T) Pass(description string) { t.Ok(true, description) }

// Count is the number of tests reported so far.
func (t *T) Count() int { return *t.nextTestNumber - 1 }

// AutoPlan prints the plan for the tests reported so far.
func (t *T) AutoPlan() { t.printf("1..%d\n", t.Count()) }

// Todo returns a producer that marks its tests TODO.
func (t *T) Todo() *T {
	n := *t
	n.TODO = true
	return &n
}

// Skip reports count skipped tests.
func (t *T) Skip(count int, description string) {
	for i := 0; i < count; i++ {
		t.printf("ok %d # SKIP %s\n", *t.nextTestNumber, description)
		(*t.nextTestNumber)++
	}
}

// Diagnostic prints a comment line.
func (t *T) Diagnostic(message string) {
	t.printf("# %s\n", strings.ReplaceAll(message, "\n", "\n# "))
}

// Diagnosticf prints a formatted comment line.
func (t *T) Diagnosticf(format string, a ...interface{}) {
	t.Diagnostic(fmt.Sprintf(format, a...))
}

// YAML prints a YAML diagnostic block (JSON is YAML, so no YAML library is needed).
func (t *T) YAML(message interface{}) error {
	b, err := json.MarshalIndent(message, "", "  ")
	if err != nil {
		return err
	}
	t.printf("  ---\n  %s\n  ...\n", strings.ReplaceAll(string(b), "\n", "\n  "))
	return nil
}
