//go:build tools

// Package tools pins the Node language host's main package so that `go mod tidy`
// keeps every module it needs. scripts/ensure-pulumi-cli.js builds it with
// `go build github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs` from this
// directory. v3.68.0 is the newest sdk release that still contains the host (later releases
// moved it to a module of its own without tags, which the Go module proxy does not serve).
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
)
