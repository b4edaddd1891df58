//go:build tools

// Package tools pins the Pulumi CLI's main package so that `go mod tidy`
// keeps every module it needs. scripts/ensure-pulumi-cli.js builds it with
// `go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` from this directory.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
	// The package whose Version variable is stamped with -ldflags -X.
	_ "github.com/pulumi/pulumi/sdk/v3/go/common/version"
)
