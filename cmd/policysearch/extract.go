package main

import (
	"context"
	"errors"
	"log/slog"
)

func runExtract(ctx context.Context, log *slog.Logger, args []string) error {
	return errors.New("extract: not built yet")
}
