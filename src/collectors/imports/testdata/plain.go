package util

import "strings"

// Mentions gpt-4o but imports nothing AI: nothing to report.
var name = strings.ToUpper("gpt-4o")
