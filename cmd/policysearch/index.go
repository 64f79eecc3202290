package main

import (
	"context"
	"errors"
	"log/slog"
)

func runIndex(ctx context.Context, log *slog.Logger, args []string) error {
	return errors.New("index: not built yet")
}
